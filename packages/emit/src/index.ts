export { applyChanges } from './apply.js';
export { contentOf, hasChanges, planChanges, UnsafePathError, unsafePathReason, type ChangePlan, type KnownDisk, type Ownership, type Wanted } from './plan.js';
export { matchesStamp, MEMO_FILE, readRenderMemo, readRenderState, STATE_FILE, STATE_VERSION, stampFiles, untouchedFiles, writeRenderState, type FileStamp, type RenderState } from './render-state.js';
export { listFiles } from './scan.js';
export { JOURNAL_FILE, STAGING_FILE, TEMP_SUFFIX } from './journal.js';
export { findTornState, recoverInterruptedRender, type TornState } from './recover.js';
export { LOCK_FILE, LockedError, withWriteLock } from './lock.js';
