import path from 'node:path';
import nunjucks from 'nunjucks';
import { ROLES, TEAMS } from '../../domain/access/roles.ts';
import { projectRoot } from '../paths.ts';

const root = projectRoot;

/** Nunjucks with GOV.UK Frontend and MoJ Frontend macros, and Vigil's own templates under src/. */
export function createViewEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [
      path.join(root, 'src'),
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
    ],
    { noCache: !!options.watch, watch: false },
  );
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('dateTime', (value: unknown) => formatDateTime(value));
  env.addFilter('date', (value: unknown) => formatDate(value));
  env.addFilter('isoDate', (value: unknown) => (value instanceof Date ? value.toISOString() : String(value ?? '')));
  env.addGlobal('fieldError', (errors: Array<{ field?: string; text: string }> | undefined, field: string) => {
    const found = errors?.find((e) => e.field === field);
    return found ? { text: found.text } : undefined;
  });
  env.addGlobal('roleLabels', Object.fromEntries(ROLES.map((r) => [r.code, r.label])));
  env.addGlobal('teamNames', Object.fromEntries(TEAMS.map((t) => [t.code, t.name])));
  return env;
}

const LONDON = 'Europe/London';

export function formatDateTime(value: unknown): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatDate(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
  }
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}
