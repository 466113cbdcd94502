/** Markup that is already safe: the only way text reaches the page unescaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

function emit(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(emit).join('');
  if (part === null || part === undefined || part === false || part === true) return '';
  return escapeHtml(String(part as string | number));
}

/**
 * A tagged template for markup: every value is escaped unless it is Html itself, so text from value
 * files (names, descriptions, messages) can never become markup. Lists are joined; `false`, `null`
 * and `undefined` leave nothing, so `${cond && html`…`}` reads naturally.
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let text = strings[0]!;
  parts.forEach((part, i) => (text += emit(part) + strings[i + 1]!));
  return new Html(text);
}

/** `1 app`, `2 apps`. */
export const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;
