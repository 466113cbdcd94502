import { TemplateSyntaxError } from './errors.js';

/**
 * Argo CD's default engine, valyala/fasttemplate between `{{` and `}}`: each tag, trimmed of white
 * space, is looked up among the parameters, and a tag with no string value is left as it was
 * written. A `{{` with no `}}` after it is an error, as it is in Argo CD.
 */
export function renderFasttemplate(text: string, params: Readonly<Record<string, unknown>>): string {
  // Argo CD only hands a string to fasttemplate when a `{{…}}` sits on one line of it.
  if (!/\{\{.*\}\}/.test(text)) return text;
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open === -1) return out + text.slice(at);
    const close = text.indexOf('}}', open + 2);
    if (close === -1) throw new TemplateSyntaxError(`cannot find end tag "}}" in the template starting from ${JSON.stringify(text.slice(open))}`);
    const tag = text.slice(open + 2, close);
    const value = params[tag.trim()];
    out += text.slice(at, open) + (tag.trim() !== '' && typeof value === 'string' ? value : `{{${tag}}}`);
    at = close + 2;
  }
}
