/**
 * The reference learning-rate schedule: constant for the first half of the epochs,
 * then linear down to 1% of the initial rate at 90%, then flat at 1%.
 */
export function learningRateAt(epoch: number, epochs: number, initial: number): number {
  const progress = epoch / epochs;
  if (progress <= 0.5) return initial;
  if (progress <= 0.9) return initial * (1 - ((progress - 0.5) / 0.4) * 0.99);
  return initial * 0.01;
}
