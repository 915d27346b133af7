/**
 * Short labels for a list of numbers, with as few significant digits as keep them
 * apart: the levels just above the minimum differ only in the third or fourth digit.
 */

/** Labels with 2 significant digits, or up to 5 when fewer would repeat a label. */
export function levelLabels(values: number[]): string[] {
  let labels: string[] = [];
  for (let digits = 2; digits <= 5; digits++) {
    labels = values.map((v) => shortNumber(v, digits));
    if (new Set(labels).size === labels.length) break;
  }
  return labels;
}

/** A number with `digits` significant digits and no trailing zeros or exponent. */
export function shortNumber(value: number, digits: number): string {
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const fixed = value.toFixed(Math.min(decimals, 20));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
