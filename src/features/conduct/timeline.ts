/**
 * The case timeline: every row kind on one time axis, as rows for the table and the
 * API, and as a server-drawn SVG that works without JavaScript. No names are shown:
 * rows carry references, dates, channels and behaviours.
 */
import { behaviours as behaviourOptions, channels as channelOptions, offenceCodes, offence as offenceInfo, orderTypes } from '../../domain/classification/index.ts';
import { startOfLondonDay } from '../../domain/calendar/index.ts';
import { sayDate, type ConductAnalysis } from '../../domain/conduct/index.ts';
import type { PoliceActionKind } from '../../platform/db/schema.ts';
import type * as repo from './repository.ts';

export const ROW_KINDS = ['order', 'occasion', 'breach', 'report', 'classification', 'risk', 'police-action', 'contact', 'referral', 'task'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** The filter names used in ?show=…, one per lane. */
export const FILTERS: ReadonlyArray<{ name: string; kind: RowKind; label: string }> = [
  { name: 'orders', kind: 'order', label: 'Orders' },
  { name: 'occasions', kind: 'occasion', label: 'Occasions' },
  { name: 'breaches', kind: 'breach', label: 'Breaches' },
  { name: 'reports', kind: 'report', label: 'Reports' },
  { name: 'recording', kind: 'classification', label: 'Crime decisions and classification' },
  { name: 'risk', kind: 'risk', label: 'Risk assessments' },
  { name: 'police', kind: 'police-action', label: 'Police action' },
  { name: 'contacts', kind: 'contact', label: 'Victim contact' },
  { name: 'referrals', kind: 'referral', label: 'Referrals' },
  { name: 'tasks', kind: 'task', label: 'Tasks' },
];

export interface TimelineRow {
  /** Unique within the timeline, safe for an HTML id. */
  key: string;
  kind: RowKind;
  kindLabel: string;
  at: Date;
  /** For ranges (orders): the end, or null when still running. */
  end: Date | null;
  openEnded: boolean;
  title: string;
  detail: string;
  channels: string[];
  behaviours: string[];
  reportReference: string | null;
  /** Occasions counted (times), for occasions and breaches. */
  times: number;
}

export const POLICE_ACTION_LABELS: Readonly<Record<PoliceActionKind, string>> = {
  arrest: 'Arrest',
  'voluntary-interview': 'Voluntary interview',
  interview: 'Interview under caution',
  bail: 'Bail with conditions',
  'bail-varied': 'Bail conditions changed',
  'released-under-investigation': 'Released under investigation',
  'released-without-charge': 'Released without charge',
  charge: 'Charged',
  remand: 'Remanded in custody',
  'release-from-custody': 'Released from custody or prison',
};

const KIND_LABELS: Readonly<Record<RowKind, string>> = {
  order: 'Order',
  occasion: 'Occasion',
  breach: 'Breach',
  report: 'Report',
  classification: 'Recording',
  risk: 'Risk assessment',
  'police-action': 'Police action',
  contact: 'Victim contact',
  referral: 'Referral',
  task: 'Task',
};

function channelLabel(code: string): string {
  return channelOptions.find((c) => c.code === code)?.label ?? code;
}
function behaviourLabel(code: string): string {
  return behaviourOptions.find((b) => b.code === code)?.label ?? code;
}
export function offenceTitle(code: string | null): string {
  if (!code) return 'Not yet classified';
  return offenceCodes.includes(code as never) ? offenceInfo(code as never).title : code;
}
function orderLabel(type: string): string {
  const known = orderTypes.find((o) => o.code === type)?.label;
  if (known) return known;
  const words = type.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function channelLabels(codes: readonly string[]): string[] {
  return codes.map(channelLabel);
}
export function behaviourLabels(codes: readonly string[]): string[] {
  return codes.map(behaviourLabel);
}

export interface TimelineData {
  reports: repo.CaseReportRow[];
  occasions: repo.OccasionRow[];
  classifications: repo.ClassificationRow[];
  orders: repo.OrderRow[];
  policeActions: repo.PoliceActionRow[];
  tasks: repo.CaseTaskRow[];
  riskAssessments: repo.RiskAssessmentRow[];
  contacts: repo.VictimContactRow[];
  referrals: repo.ReferralRow[];
}

function row(kind: RowKind, r: Omit<TimelineRow, 'kind' | 'kindLabel' | 'end' | 'openEnded' | 'channels' | 'behaviours' | 'reportReference' | 'times'> & Partial<TimelineRow>): TimelineRow {
  return { end: null, openEnded: false, channels: [], behaviours: [], reportReference: null, times: 1, ...r, kind, kindLabel: KIND_LABELS[kind] };
}

/** Every row of the case, oldest first (ties by kind then key, so the order is stable). */
export function buildRows(data: TimelineData, now: Date): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const o of data.occasions) {
    const kind: RowKind = o.breachedOrderId ? 'breach' : 'occasion';
    const how = channelLabels(o.channels).join(', ') || 'Channel not recorded';
    const what = behaviourLabels(o.behaviours).join(', ');
    rows.push(
      row(kind, {
        key: `${kind}-${o.id}`,
        at: o.occurredFrom,
        end: o.occurredTo,
        title: `${kind === 'breach' ? 'Breach of an order: ' : ''}${how}${o.times > 1 ? ` (${o.times} times)` : ''}`,
        detail: [what, o.place ? `Place: ${o.place}` : '', o.fearOfViolence ? 'The victim feared violence' : '', o.description ?? ''].filter(Boolean).join('. '),
        channels: o.channels,
        behaviours: o.behaviours,
        reportReference: o.reportReference,
        times: o.times,
      }),
    );
  }
  for (const r of data.reports) {
    rows.push(
      row('report', {
        key: `report-${r.id}`,
        at: r.reportedAt,
        title: `Report ${r.reference}`,
        detail: [r.status === 'draft' ? 'Draft' : 'Submitted', `Linked: ${r.linkReason}`, r.otherCases > 0 ? `Also in ${r.otherCases} other case${r.otherCases === 1 ? '' : 's'}` : '']
          .filter(Boolean)
          .join('. '),
        reportReference: r.reference,
      }),
    );
    if (r.crimeDecision && r.crimeDecidedAt) {
      rows.push(
        row('classification', {
          key: `decision-${r.id}`,
          at: r.crimeDecidedAt,
          title: r.crimeDecision === 'crime' ? 'Crime decision: recorded as a crime' : 'Crime decision: not a crime',
          detail: `On report ${r.reference}`,
          reportReference: r.reference,
        }),
      );
    }
  }
  for (const c of data.classifications) {
    const also = c.alsoRecord.length > 0 ? `; also ${c.alsoRecord.map(offenceTitle).join(', ')}` : '';
    rows.push(
      row('classification', {
        key: `classification-${c.id}`,
        at: c.decidedAt ?? c.proposedAt,
        title: `Classification ${c.status}: ${offenceTitle(c.offence)}`,
        detail: `${offenceTitle(c.offence)}${also}${c.decisionReason ? `. ${c.decisionReason}` : c.rationale ? `. ${c.rationale}` : ''}`,
      }),
    );
  }
  for (const o of data.orders) {
    const start = startOfLondonDay(o.madeOn);
    const end = o.expiresOn ? startOfLondonDay(o.expiresOn) : null;
    rows.push(
      row('order', {
        key: `order-${o.id}`,
        at: start,
        end,
        openEnded: end === null && o.status === 'active',
        title: `${orderLabel(o.type)} (${o.status})`,
        detail: [
          end ? `From ${sayDate(start)} to ${sayDate(end)}` : `From ${sayDate(start)}${o.status === 'active' ? ' until further order' : ''}`,
          o.protectedPersons > 0 ? `Protects ${o.protectedPersons} ${o.protectedPersons === 1 ? 'person' : 'people'}` : '',
          o.court ? `Court: ${o.court}` : '',
          o.prohibitions ? `Prohibitions: ${o.prohibitions}` : '',
        ]
          .filter(Boolean)
          .join('. '),
      }),
    );
  }
  for (const a of data.policeActions) {
    rows.push(
      row('police-action', {
        key: `police-${a.id}`,
        at: a.occurredAt,
        title: POLICE_ACTION_LABELS[a.kind],
        detail: [a.conditions ? `Conditions: ${a.conditions}` : '', a.bailUntil ? `Bail until ${sayDate(startOfLondonDay(a.bailUntil))}` : '', a.notes ?? ''].filter(Boolean).join('. '),
      }),
    );
  }
  for (const a of data.riskAssessments) {
    rows.push(
      row('risk', {
        key: `risk-${a.id}`,
        at: a.completedAt,
        title: `${a.stage === 'initial' ? 'Initial' : 'Enhanced'} risk assessment: ${a.finalGrade ? `${a.finalGrade} risk` : 'not graded'}`,
        detail: `Tool ${a.toolId}; ${a.score} yes answer${a.score === 1 ? '' : 's'}${a.endorsedAt ? `. Endorsed ${sayDate(a.endorsedAt)}` : '. Not yet endorsed'}`,
      }),
    );
  }
  for (const c of data.contacts) {
    const by = c.initiatedBy === 'victim' ? 'by the victim' : c.initiatedBy === 'police' ? 'by the police' : 'by someone else';
    rows.push(
      row('contact', {
        key: `contact-${c.id}`,
        at: c.occurredAt,
        title: `Victim contact (${c.method.replace(/-/g, ' ')}), started ${by}`,
        detail: [c.chasingUpdate ? 'The victim was chasing an update' : '', c.victimWish ? `Victim’s wish: ${c.victimWish.replace(/-/g, ' ')}` : ''].filter(Boolean).join('. '),
      }),
    );
  }
  for (const r of data.referrals) {
    rows.push(
      row('referral', {
        key: `referral-${r.id}`,
        at: r.at,
        end: r.takenUpAt,
        title: `Referral to ${r.serviceCode.replace(/-/g, ' ')}: ${r.status.replace(/-/g, ' ')}`,
        detail: r.takenUpAt ? `Taken up ${sayDate(r.takenUpAt)}` : '',
      }),
    );
  }
  for (const t of data.tasks) {
    const state = t.status === 'open' ? (t.dueAt.getTime() < now.getTime() ? 'Open, overdue' : 'Open') : t.status === 'done' ? 'Done' : 'Cancelled';
    rows.push(
      row('task', {
        key: `task-${t.id}`,
        at: t.createdAt,
        end: t.completedAt,
        title: t.title,
        detail: `${state}. Due ${sayDate(t.dueAt)}${t.completedAt ? `. Completed ${sayDate(t.completedAt)}` : ''}`,
      }),
    );
  }
  const order = new Map(ROW_KINDS.map((k, i) => [k, i]));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime() || order.get(a.kind)! - order.get(b.kind)! || (a.key < b.key ? -1 : 1));
}

/** Reads ?show=orders,occasions,… (unknown names are ignored; none means all). */
export function parseShow(value: unknown): Set<RowKind> {
  const names = (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const kinds = new Set(FILTERS.filter((f) => names.includes(f.name)).map((f) => f.kind));
  return kinds.size > 0 ? kinds : new Set(ROW_KINDS);
}

export function showValue(kinds: ReadonlySet<RowKind>): string {
  return FILTERS.filter((f) => kinds.has(f.kind)).map((f) => f.name).join(',');
}

// ---- SVG ----

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 20;
const PLOT = WIDTH - LEFT - RIGHT;
const LANE = 36;

const COLOURS: Readonly<Record<RowKind, string>> = {
  order: '#00703c',
  occasion: '#1d70b8',
  breach: '#d4351c',
  report: '#4c2c92',
  classification: '#505a5f',
  risk: '#f47738',
  'police-action': '#0b0c0c',
  contact: '#28a197',
  referral: '#912b88',
  task: '#b58840',
};

const CHANNEL_COLOURS: Readonly<Record<string, string>> = {
  'in-person': '#d4351c',
  'phone-call': '#f47738',
  text: '#1d70b8',
  'social-media': '#912b88',
  email: '#28a197',
  'tracking-device-or-app': '#6f72af',
  'through-third-parties': '#85994b',
  other: '#505a5f',
};

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function tickDates(from: number, to: number): Array<{ at: number; label: string }> {
  const span = to - from;
  const day = 86_400_000;
  const ticks: Array<{ at: number; label: string }> = [];
  const start = new Date(from);
  if (span <= 70 * day) {
    // Weekly ticks on Mondays.
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
    while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
    for (; d.getTime() <= to; d.setUTCDate(d.getUTCDate() + 7)) {
      ticks.push({ at: d.getTime(), label: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(d) });
    }
  } else {
    const monthsStep = span <= 550 * day ? 1 : span <= 1100 * day ? 3 : 12;
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    while (monthsStep === 12 && d.getUTCMonth() !== 0) d.setUTCMonth(d.getUTCMonth() + 1);
    while (monthsStep === 3 && d.getUTCMonth() % 3 !== 0) d.setUTCMonth(d.getUTCMonth() + 1);
    for (; d.getTime() <= to; d.setUTCMonth(d.getUTCMonth() + monthsStep)) {
      ticks.push({
        at: d.getTime(),
        label: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...(monthsStep === 12 ? { year: 'numeric' } : { month: 'short', year: '2-digit' }) }).format(d),
      });
    }
  }
  return ticks;
}

function marker(kind: RowKind, x: number, y: number, fill: string): string {
  const r = 6;
  switch (kind) {
    case 'breach':
      return `<polygon points="${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`;
    case 'report':
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`;
    case 'classification':
      return `<polygon points="${x},${y - r} ${x + r},${y + r} ${x - r},${y + r}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`;
    case 'police-action':
      return `<polygon points="${x - r},${y - r} ${x + r},${y - r} ${x + r},${y + r} ${x - r},${y + r}" fill="#ffffff" stroke="${fill}" stroke-width="3"/>`;
    case 'risk':
      return `<polygon points="${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}" fill="#ffffff" stroke="${fill}" stroke-width="3"/>`;
    case 'contact':
    case 'referral':
      return `<rect x="${x - r}" y="${y - r + 2}" width="${2 * r}" height="${2 * r - 4}" rx="2" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`;
    case 'task':
      return `<circle cx="${x}" cy="${y}" r="${r - 1}" fill="#ffffff" stroke="${fill}" stroke-width="2.5"/>`;
    default:
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1"/>`;
  }
}

export interface SvgOptions {
  title: string;
  kinds: ReadonlySet<RowKind>;
  now: Date;
  /** Show only this part of time (zoom), if given. */
  from?: Date | null;
  to?: Date | null;
}

/** The timeline as an SVG string; every text in it is escaped. */
export function renderTimelineSvg(rows: readonly TimelineRow[], analysis: ConductAnalysis, options: SvgOptions): string {
  const lanes = FILTERS.filter((f) => options.kinds.has(f.kind));
  const shown = rows.filter((r) => options.kinds.has(r.kind));
  const orders = shown.filter((r) => r.kind === 'order');
  const orderLaneHeight = Math.max(LANE, 14 * orders.length + 12);
  const weeksHeight = options.kinds.has('occasion') && analysis.weeks.length > 1 ? 60 : 0;

  let min = Infinity;
  let max = -Infinity;
  for (const r of shown) {
    if (r.kind === 'order') continue; // orders can reach far back or forward; they are clipped to the conduct.
    min = Math.min(min, r.at.getTime());
    max = Math.max(max, (r.end ?? r.at).getTime());
  }
  if (!Number.isFinite(min)) {
    for (const r of orders) {
      min = Math.min(min, r.at.getTime());
      max = Math.max(max, (r.end ?? options.now).getTime());
    }
  }
  if (!Number.isFinite(min)) {
    min = options.now.getTime() - 30 * 86_400_000;
    max = options.now.getTime();
  }
  if (options.from) min = options.from.getTime();
  if (options.to) max = options.to.getTime();
  if (max <= min) {
    min -= 86_400_000;
    max += 86_400_000;
  }
  const pad = (max - min) * 0.03;
  min -= pad;
  max += pad;
  const x = (t: number) => LEFT + ((Math.min(Math.max(t, min), max) - min) / (max - min)) * PLOT;

  const laneTop = new Map<RowKind, number>();
  let y = 30;
  for (const lane of lanes) {
    laneTop.set(lane.kind, y);
    y += lane.kind === 'order' ? orderLaneHeight : LANE;
    if (lane.kind === 'occasion') y += weeksHeight;
  }
  const height = y + 30;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="vigil-timeline__svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="timeline-svg-title timeline-svg-desc" data-from="${Math.round(min)}" data-to="${Math.round(max)}" data-left="${LEFT}" data-plot="${PLOT}">`,
  );
  parts.push(`<title id="timeline-svg-title">${esc(options.title)}</title>`);
  parts.push(`<desc id="timeline-svg-desc">${esc(`${shown.length} events from ${sayDate(new Date(min + pad))} to ${sayDate(new Date(max - pad))}. The same events are listed in the table below.`)}</desc>`);

  // Time axis.
  parts.push(`<g class="vigil-timeline__axis" font-size="12" fill="#505a5f">`);
  for (const tick of tickDates(min, max)) {
    const tx = x(tick.at).toFixed(1);
    parts.push(`<line x1="${tx}" y1="22" x2="${tx}" y2="${height - 24}" stroke="#d8d8d8" stroke-width="1"/>`);
    parts.push(`<text x="${tx}" y="16" text-anchor="middle">${esc(tick.label)}</text>`);
  }
  const nowX = options.now.getTime() >= min && options.now.getTime() <= max ? x(options.now.getTime()).toFixed(1) : null;
  if (nowX) parts.push(`<line x1="${nowX}" y1="22" x2="${nowX}" y2="${height - 24}" stroke="#0b0c0c" stroke-dasharray="4 3"/><text x="${nowX}" y="${height - 8}" text-anchor="middle">Today</text>`);
  parts.push(`</g>`);

  for (const lane of lanes) {
    const top = laneTop.get(lane.kind)!;
    const h = lane.kind === 'order' ? orderLaneHeight : LANE;
    const laneRows = shown.filter((r) => r.kind === lane.kind);
    parts.push(`<g class="vigil-timeline__lane" data-kind="${lane.kind}">`);
    parts.push(`<rect x="${LEFT}" y="${top}" width="${PLOT}" height="${h}" fill="#f3f2f1" fill-opacity="0.6"/>`);
    parts.push(`<text x="${LEFT - 8}" y="${top + 22}" text-anchor="end" font-size="13" font-weight="bold" fill="#0b0c0c">${esc(lane.label)}</text>`);
    laneRows.forEach((r, i) => {
      const label = `${sayDate(r.at)}: ${r.title}${r.reportReference ? ` (${r.reportReference})` : ''}`;
      if (r.kind === 'order') {
        const ry = top + 8 + i * 14;
        const x1 = x(r.at.getTime());
        const x2 = x(r.end ? r.end.getTime() : r.openEnded ? max : r.at.getTime());
        parts.push(
          `<a href="#row-${r.key}" data-row="${r.key}"><title>${esc(label)}</title><rect x="${x1.toFixed(1)}" y="${ry}" width="${Math.max(3, x2 - x1).toFixed(1)}" height="9" rx="2" fill="${COLOURS.order}"/>${r.openEnded ? `<polygon points="${x2.toFixed(1)},${ry - 2} ${(x2 + 7).toFixed(1)},${ry + 4.5} ${x2.toFixed(1)},${ry + 11}" fill="${COLOURS.order}"/>` : ''}</a>`,
        );
        return;
      }
      const cx = x(r.at.getTime());
      const cy = top + h / 2;
      const fill = r.kind === 'occasion' ? (CHANNEL_COLOURS[r.channels[0] ?? 'other'] ?? COLOURS.occasion) : COLOURS[r.kind];
      parts.push(`<a href="#row-${r.key}" data-row="${r.key}"><title>${esc(label)}</title>${marker(r.kind, Number(cx.toFixed(1)), cy, fill)}</a>`);
    });
    parts.push(`</g>`);
    if (lane.kind === 'occasion' && weeksHeight > 0) {
      const base = top + LANE + weeksHeight - 6;
      const peak = Math.max(...analysis.weeks.map((w) => w.occasions), 1);
      parts.push(`<g class="vigil-timeline__weeks" data-kind="occasion">`);
      parts.push(`<text x="${LEFT - 8}" y="${base - 16}" text-anchor="end" font-size="12" fill="#505a5f">Per week</text>`);
      parts.push(`<text x="${LEFT - 8}" y="${base - 2}" text-anchor="end" font-size="11" fill="#505a5f">(most ${peak})</text>`);
      for (const w of analysis.weeks) {
        const start = startOfLondonDay(w.weekStarting).getTime();
        const x1 = x(start);
        const x2 = x(start + 7 * 86_400_000);
        const bh = (w.occasions / peak) * (weeksHeight - 14);
        if (w.occasions > 0) {
          parts.push(`<rect x="${x1.toFixed(1)}" y="${(base - bh).toFixed(1)}" width="${Math.max(1, x2 - x1 - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="#1d70b8" fill-opacity="0.5"><title>${esc(`Week starting ${sayDate(startOfLondonDay(w.weekStarting))}: ${w.occasions} occasion${w.occasions === 1 ? '' : 's'}`)}</title></rect>`);
        }
      }
      parts.push(`<line x1="${LEFT}" y1="${base}" x2="${LEFT + PLOT}" y2="${base}" stroke="#b1b4b6"/>`);
      parts.push(`</g>`);
    }
  }
  parts.push(`</svg>`);
  return parts.join('');
}

/** A short plain-English summary of the conduct, for the top of the timeline and for handovers. */
export function summarise(analysis: ConductAnalysis, reports: number): string {
  if (analysis.totalOccasions === 0 || !analysis.first || !analysis.last) {
    return `No occasions are recorded on this case yet (${reports} report${reports === 1 ? '' : 's'}).`;
  }
  const channels = analysis.channels.map((c) => `${c.label.toLowerCase()} (${c.occasions})`);
  const behaviours = analysis.behaviours.slice(0, 6).map((b) => b.label.toLowerCase());
  const span = analysis.first.getTime() === analysis.last.getTime() || analysis.durationDays <= 1 ? `on ${sayDate(analysis.first)}` : `between ${sayDate(analysis.first)} and ${sayDate(analysis.last)} (${analysis.durationDays} days)`;
  const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
  return `${analysis.totalOccasions} occasion${analysis.totalOccasions === 1 ? '' : 's'} ${span}, across ${reports} report${reports === 1 ? '' : 's'}${channels.length ? `, by ${list(channels)}` : ''}.${behaviours.length ? ` Behaviours: ${list(behaviours)}.` : ''}${analysis.escalating ? ' The pattern shows escalation (see below).' : ''}`;
}
