/**
 * Go's path.Match, which the git directories generator uses: `*` and `?` stop at `/`, `[…]` is a
 * class (`^` negates, `a-z` ranges), `\` escapes. Undefined for a malformed pattern, which Argo CD
 * skips.
 */
export function pathMatch(pattern: string, name: string): boolean | undefined {
  const regex = toRegex(pattern, false);
  return regex === undefined ? undefined : regex.test(name);
}

/**
 * The file generator's default matching, `git ls-files -- PATTERN`: `*` and `?` also match `/`
 * (so `a/*.yaml` finds YAML at any depth under a/), and a pattern with no wildcard names a file
 * or every file under a folder.
 */
export function gitPathspecMatch(pattern: string, path: string): boolean {
  if (!/[*?[]/.test(pattern)) {
    const folder = pattern.replace(/\/+$/, '');
    return path === folder || path.startsWith(`${folder}/`);
  }
  return toRegex(pattern, true)?.test(path) ?? false;
}

function toRegex(pattern: string, slashIsOrdinary: boolean): RegExp | undefined {
  const any = slashIsOrdinary ? '[^]' : '[^/]';
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') source += `${any}*`;
    else if (ch === '?') source += any;
    else if (ch === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      source += escape(pattern[++i]!);
    } else if (ch === '[') {
      const close = classEnd(pattern, i);
      if (close === undefined) return undefined;
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      if (body === '') return undefined;
      source += `[${negated ? '^' : ''}${body.replace(/\\(.)/g, (_, c: string) => escape(c)).replace(/[\]^]/g, '\\$&')}]`;
      i = close;
    } else source += escape(ch);
  }
  return new RegExp(`^${source}$`);
}

function classEnd(pattern: string, open: number): number | undefined {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > open + 1 + (pattern[open + 1] === '^' ? 1 : 0)) return i;
  }
  return undefined;
}

const escape = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
