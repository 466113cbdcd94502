import type { AppRecord } from '../app-record.js';

/** What the main thread asks a render worker: the apps to build. */
export interface WorkerRequest {
  readonly names: readonly string[];
}

/** What a worker answers: each app's record and its files as `[path, key, text]`. */
export type WorkerReply = { readonly ok: true; readonly apps: readonly { readonly record: AppRecord; readonly files: readonly (readonly [string, string, string])[] }[] } | { readonly ok: false };
