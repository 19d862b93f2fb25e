import { compareLocalDates, todayInLondon } from '../../domain/calendar/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import type { Deps } from '../../platform/deps.ts';
import { teamName } from '../../domain/access/roles.ts';
import { canonicalOrderType } from '../../domain/orders/index.ts';
import * as history from './history-repository.ts';
import * as repo from './repository.ts';
import { DEFAULT_RESTRICTED_CONTACT, FLAG_TYPES, flagTypeLabel, orderTypeLabel } from './labels.ts';

export { FLAG_TYPES, flagTypeLabel };

/** A person named in someone's history: their name, or only that a restricted record exists. */
export type PersonLabel = { id: string; restricted: false; name: string } | { id: string; restricted: true; contact: string };

export interface OrderView {
  id: string;
  type: string;
  typeLabel: string;
  /** The person's part in the order. */
  role: 'subject' | 'protected';
  /** In force today: status active and not past its expiry date. */
  active: boolean;
  status: string;
  court: string | null;
  madeOn: string;
  expiresOn: string | null;
  prohibitions: string | null;
  requirements: string | null;
  caseId: string | null;
  subject: PersonLabel;
  protectedPersons: PersonLabel[];
}

export interface FlagView extends history.FlagRow {
  typeLabel: string;
  notifyTeamName: string | null;
  /** Active and not past expiry. */
  inForce: boolean;
  /** 'active', 'removed' or 'expired' (an active flag past its expiry date counts as expired). */
  state: 'active' | 'removed' | 'expired';
}

export interface OtherVictim {
  suspect: PersonLabel;
  victim: PersonLabel;
  via: string[];
  references: string[];
}

/** Entries a later capability adds to the panel (risk gradings, MARAC referrals). */
export interface HistoryEntry {
  date: string;
  summary: string;
  href?: string;
}

/**
 * An extension point: risk grading history and MARAC history live in tables the risk
 * capability owns. It registers a source here at start-up; until then the panel says
 * the history is not held in Vigil.
 */
export type HistorySource = (db: Db, personId: string) => Promise<HistoryEntry[]>;

const historySources: { riskGradings?: HistorySource; marac?: HistorySource } = {};

export function registerHistorySource(kind: 'riskGradings' | 'marac', source: HistorySource | undefined): void {
  if (source) historySources[kind] = source;
  else delete historySources[kind];
}

export interface ExtensionHistory {
  /** False when no capability supplies this history yet. */
  available: boolean;
  entries: HistoryEntry[];
}

export interface CaseHistoryItem extends history.CaseAppearance {
  /** The case reference is withheld when the case is restricted and the user is not named on it. */
  reference: string;
  withheld: boolean;
}

export type PersonHistory =
  | {
      personId: string;
      restricted: true;
      /** Whom to contact about the record. Nothing else is shown. */
      contact: string;
    }
  | {
      personId: string;
      restricted: false;
      name: string;
      dateOfBirth: string | null;
      reports: history.ReportAppearance[];
      cases: CaseHistoryItem[];
      orders: OrderView[];
      bailConditions: OrderView[];
      flags: FlagView[];
      warningNotices: history.WarningNoticeRow[];
      riskGradings: ExtensionHistory;
      marac: ExtensionHistory;
      otherVictims: OtherVictim[];
      /** True when there is an order in force (bail conditions included). */
      hasActiveOrder: boolean;
    };

export function toFlagView(flag: history.FlagRow, today: string): FlagView {
  const expired = flag.expiresOn !== null && compareLocalDates(flag.expiresOn, today) < 0;
  const state = flag.status === 'removed' ? 'removed' : flag.status === 'expired' || expired ? 'expired' : 'active';
  return {
    ...flag,
    typeLabel: flagTypeLabel(flag.type),
    notifyTeamName: flag.notifyTeam ? teamName(flag.notifyTeam) : null,
    inForce: state === 'active',
    state,
  };
}

function labelFor(refs: Map<string, history.PersonRef>, named: Set<string>, id: string): PersonLabel {
  const p = refs.get(id);
  if (!p) return { id, restricted: true, contact: DEFAULT_RESTRICTED_CONTACT };
  if (p.restricted && !named.has(id)) return { id, restricted: true, contact: p.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT };
  return { id, restricted: false, name: `${p.forenames} ${p.surname}` };
}

async function historyOfOne(tx: Db, ctx: RequestContext, person: repo.PersonRecord, today: string): Promise<PersonHistory> {
  const [reports, cases, orders, flags, warningNotices, victims] = await Promise.all([
    history.reportsInvolving(tx, person.id),
    history.casesInvolving(tx, person.id),
    history.ordersInvolving(tx, person.id),
    history.flagsOf(tx, person.id),
    history.warningNoticesOf(tx, person.id),
    history.otherVictims(tx, person.id),
  ]);
  const protectedBy = await history.protectedPersonsOf(tx, orders.map((o) => o.id));
  const mentioned = [
    ...orders.map((o) => o.subjectPersonId),
    ...[...protectedBy.values()].flat(),
    ...victims.flatMap((v) => [v.suspectId, v.victimId]),
  ];
  const refs = await history.personRefs(tx, mentioned);
  const named = await repo.namedRecords(tx, 'person', [...refs.values()].filter((r) => r.restricted).map((r) => r.id), ctx.actor.id);
  const namedCases = await repo.namedRecords(tx, 'case', cases.filter((c) => c.restricted).map((c) => c.caseId), ctx.actor.id);

  const orderViews = orders.map(
    (o): OrderView => ({
      id: o.id,
      // Records made before the orders register may hold an older code ('spo'): shown by its current one.
      type: canonicalOrderType(o.type),
      typeLabel: orderTypeLabel(o.type),
      role: o.role,
      active: o.status === 'active' && (o.expiresOn === null || compareLocalDates(o.expiresOn, today) >= 0) && compareLocalDates(o.madeOn, today) <= 0,
      status: o.status,
      court: o.court,
      madeOn: o.madeOn,
      expiresOn: o.expiresOn,
      prohibitions: o.prohibitions,
      requirements: o.requirements,
      caseId: o.caseId,
      subject: labelFor(refs, named, o.subjectPersonId),
      protectedPersons: (protectedBy.get(o.id) ?? []).map((id) => labelFor(refs, named, id)),
    }),
  );
  const activeFirst = (a: OrderView, b: OrderView) => Number(b.active) - Number(a.active) || (a.madeOn < b.madeOn ? 1 : a.madeOn > b.madeOn ? -1 : 0);

  const grouped = new Map<string, OtherVictim>();
  for (const v of victims) {
    const key = `${v.suspectId}:${v.victimId}`;
    const entry = grouped.get(key) ?? { suspect: labelFor(refs, named, v.suspectId), victim: labelFor(refs, named, v.victimId), via: [], references: [] };
    if (!entry.via.includes(v.via)) entry.via.push(v.via);
    if (v.reference && !entry.references.includes(v.reference)) entry.references.push(v.reference);
    grouped.set(key, entry);
  }

  const extension = async (kind: 'riskGradings' | 'marac'): Promise<ExtensionHistory> => {
    const source = historySources[kind];
    return source ? { available: true, entries: await source(tx, person.id) } : { available: false, entries: [] };
  };

  return {
    personId: person.id,
    restricted: false,
    name: `${person.forenames} ${person.surname}`,
    dateOfBirth: person.dateOfBirth,
    reports,
    cases: cases.map((c) =>
      c.restricted && !namedCases.has(c.caseId) ? { ...c, reference: 'Restricted case', offence: null, withheld: true } : { ...c, withheld: false },
    ),
    orders: orderViews.filter((o) => o.type !== 'bail-conditions').sort(activeFirst),
    bailConditions: orderViews.filter((o) => o.type === 'bail-conditions').sort(activeFirst),
    flags: flags.map((f) => toFlagView(f, today)),
    warningNotices,
    riskGradings: await extension('riskGradings'),
    marac: await extension('marac'),
    otherVictims: [...grouped.values()],
    hasActiveOrder: orderViews.some((o) => o.active),
  };
}

/**
 * What the force already knows about each of the given people, for the history panel at
 * the point of report and on case pages: earlier reports and cases, orders of every type
 * (active first) with their terms and protected persons, bail conditions, flags, historic
 * warning notices (PIN/HN1, history only), risk grading and MARAC history where a
 * capability supplies them, and other victims of the same suspect. Restricted people the
 * user is not named on show only that a record exists and whom to contact; a named user
 * opens the record itself (with a reason) to see its history. Each person's history read
 * is audited as a view of that person.
 */
export async function historyFor(deps: Deps, ctx: RequestContext, personIds: readonly string[]): Promise<PersonHistory[]> {
  requirePermission(ctx.actor, 'people:read');
  const ids = [...new Set(personIds)];
  const today = todayInLondon(deps.clock);
  return deps.db.transaction().execute(async (tx) => {
    const people = new Map((await repo.getPeople(tx, ids)).map((p) => [p.id, p]));
    const result: PersonHistory[] = [];
    for (const id of ids) {
      const person = people.get(id);
      if (!person) continue;
      if (person.restricted) {
        await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view-denied', recordType: 'person', recordId: id, details: { view: 'history', restricted: true }, requestId: ctx.requestId });
        result.push({ personId: id, restricted: true, contact: person.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT });
        continue;
      }
      result.push(await historyOfOne(tx, ctx, person, today));
      await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'person', recordId: id, details: { view: 'history' }, requestId: ctx.requestId });
    }
    return result;
  });
}
