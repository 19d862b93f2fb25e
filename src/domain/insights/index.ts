/** Insights: indicator definitions, rates and medians, periods and buckets, CSV and chart geometry. Pure. */
export * from './period.ts';
export * from './stats.ts';
export * from './indicators.ts';
export * from './csv.ts';
export * from './chart.ts';
export * from './criteria.ts';
export * from './offences.ts';
