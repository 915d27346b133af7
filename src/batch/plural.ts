/** `1 job`, `2 jobs`: a count and its noun, for batch messages. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
