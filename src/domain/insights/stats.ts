/** A proportion with its parts, so a page can show "12 of 40 (30%)" and link each part. */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator, or null when there is nothing to divide by. */
  readonly value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

/** The middle value (mean of the middle two for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A percentage to one decimal place, or an en dash when there is no denominator. */
export function formatPercent(value: number | null): string {
  if (value === null) return '–';
  const p = Math.round(value * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** "1 : 2.5" style ratio of a to b, or an en dash when b is 0. */
export function formatRatio(a: number, b: number): string {
  if (b === 0) return '–';
  const r = Math.round((a / b) * 100) / 100;
  return `${r} : 1`;
}

/** Hours as "3.5 hours" or days when long. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '–';
  if (hours >= 72) return `${Math.round((hours / 24) * 10) / 10} days`;
  return `${Math.round(hours * 10) / 10} hours`;
}
