export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Requests (or calls) per second, one at a time. */
  throughput: number;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    mean: sorted.length ? total / sorted.length : Number.NaN,
    throughput: total > 0 ? (sorted.length * 1000) / total : 0,
  };
}

/**
 * Times `run` `iterations` times after `warmup` untimed runs; milliseconds. Stops early
 * (with at least 3 samples) once `budgetMs` has been spent, so a slow endpoint cannot hold
 * the whole suite up.
 */
export async function time(iterations: number, warmup: number, run: (i: number) => Promise<unknown>, budgetMs = 90_000): Promise<number[]> {
  const started = performance.now();
  for (let i = 0; i < warmup; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    if (samples.length >= 3 && performance.now() - started > budgetMs) break;
    const began = performance.now();
    await run(i + warmup);
    samples.push(performance.now() - began);
  }
  return samples;
}
