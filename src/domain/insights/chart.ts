/**
 * Geometry for the server-rendered SVG charts: pure numbers that a template draws. Each
 * chart sits beside a table of the same data, so the SVG is decorative for screen readers
 * (the template marks it aria-hidden and the table carries the figures).
 */

export interface ChartPoint {
  readonly label: string;
  readonly value: number | null;
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  /** Y axis gridlines with their labels. */
  readonly ticks: ReadonlyArray<{ readonly y: number; readonly label: string }>;
  /** One bar per point (zero height for a null value), with its x label. */
  readonly bars: ReadonlyArray<{ readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly label: string; readonly value: number | null }>;
  /** The polyline through the points that have a value ("x,y x,y"). */
  readonly line: string;
  readonly max: number;
}

export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  /** Values are proportions (0–1) shown as percentages. */
  readonly percent?: boolean;
}

/** A tidy top for the axis: 1, 2 or 5 times a power of ten at or above the largest value. */
export function niceMax(value: number): number {
  // Below a millionth the power of ten underflows; no figure here is that small.
  if (!(value >= 1e-6)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function chartGeometry(points: readonly ChartPoint[], options: ChartOptions = {}): ChartGeometry {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const plot = { left: 48, top: 12, right: width - 8, bottom: height - 36 };
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = options.percent ? 1 : niceMax(Math.max(0, ...values));
  const plotHeight = plot.bottom - plot.top;
  const slot = points.length > 0 ? (plot.right - plot.left) / points.length : 0;
  const yOf = (v: number) => round(plot.bottom - (Math.max(0, Math.min(v, max)) / max) * plotHeight);
  const bars = points.map((p, i) => {
    const h = p.value === null ? 0 : round(plot.bottom - yOf(p.value));
    return { x: round(plot.left + i * slot + slot * 0.15), y: round(plot.bottom - h), width: round(slot * 0.7), height: h, label: p.label, value: p.value };
  });
  const line = points
    .map((p, i) => (p.value === null ? null : `${round(plot.left + i * slot + slot / 2)},${yOf(p.value)}`))
    .filter((s): s is string => s !== null)
    .join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = max * f;
    return { y: yOf(v), label: options.percent ? `${Math.round(v * 100)}%` : String(round(v)) };
  });
  return { width, height, plot, ticks, bars, line, max };
}
