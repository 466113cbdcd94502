/**
 * The one block of lines that differs between two texts: what was removed and what was added,
 * after the lines they share at the start and at the end.
 */
export function changedBlock(before: string, after: string): { line: number; removed: string[]; added: string[] } {
  const [a, b] = [before.split('\n'), after.split('\n')];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { line: start + 1, removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end) };
}
