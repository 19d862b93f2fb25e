import { z } from 'zod';
import { endOfLondonDay, formatLocalDate, isLocalDate, londonDateOf } from '../../domain/calendar/index.ts';
import { outcomeInconsistentWithVictimWishes, outcomeType } from '../../domain/investigation/index.ts';
import {
  DEFAULT_SUPPORT_SERVICES,
  EVIDENCE_LED_DECISIONS,
  REFERRAL_STATUSES,
  SPECIAL_MEASURE_CODES,
  SPECIAL_MEASURES_NEED_CODES,
  ageOn,
  checkCourtSupport,
  checkWithdrawal,
  mergeWithdrawal,
  outcome16FromWithdrawal,
  sameWithdrawal,
  buildSafetyPack,
  checkReferralChange,
  deriveEntitlement,
  dutiesForEvent,
  effectiveEntitlement,
  eventLabel,
  findService,
  isBailEvent,
  notifiableEventCodes,
  requiredOffers,
  westYorkshireEntitlementPolicy,
  type EffectiveEntitlement,
  type NotifiableEvent,
  type CourtSupportRecord,
  type Outcome16Given,
  type RequiredOffer,
  type SafetyPack,
  type WithdrawalRecord,
} from '../../domain/victims/index.ts';
import type { Permission } from '../../domain/access/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type AuditAction, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError, ReasonRequiredError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { checkRestrictedAccess, DEFAULT_RESTRICTED_CONTACT } from '../people/service.ts';
import { isNamedOnRecord } from '../people/repository.ts';
import { closeTask, getTask, insertTasks } from '../tasks/repository.ts';
import { renderSafetyPackPdf } from './pack-pdf.ts';
import * as repo from './repository.ts';
import { runUseCase } from '../../platform/db/use-case.ts';

// ---------------------------------------------------------------------------
// Plumbing

type Outcome<T> = { value: T } | { error: unknown };

async function audit(tx: Db, ctx: RequestContext, action: AuditAction, recordType: string, recordId: string | undefined, details: Record<string, unknown> = {}, reason?: string): Promise<void> {
  await appendAudit(tx, {
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    action,
    recordType,
    ...(recordId ? { recordId } : {}),
    details,
    ...(reason ? { reason } : {}),
    requestId: ctx.requestId,
  });
}

function requireAny(ctx: RequestContext, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => ctx.actor.permissions.has(p))) throw new ForbiddenError();
}

/** Opens a case for reading: restricted cases need a named user and a reason (audited with the view). */
async function caseForRead(tx: Db, ctx: RequestContext, caseId: string, reason: string | undefined): Promise<{ c: repo.VictimCase; reason: string | undefined }> {
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  const given = await checkRestrictedAccess(tx, ctx, { type: 'case', id: c.id, restricted: c.restricted, contact: c.restrictedContact }, reason);
  return { c, reason: given };
}

/** Opens a case for a change: restricted cases need the user to be named on them. */
async function caseForChange(tx: Db, ctx: RequestContext, caseId: string): Promise<repo.VictimCase> {
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  if (c.restricted && !(await isNamedOnRecord(tx, 'case', c.id, ctx.actor.id))) {
    await audit(tx, ctx, 'view-denied', 'case', c.id, { restricted: true, area: 'victims' });
    throw new RestrictedRecordError(c.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  return c;
}

async function victimOf(tx: Db, caseId: string, personId: string): Promise<repo.VictimPerson> {
  const victim = (await repo.victimsOfCase(tx, caseId)).find((v) => v.personId === personId);
  if (!victim) throw new ValidationError([{ field: 'personId', message: 'Choose a victim on this case' }]);
  return victim;
}

/** The derived entitlement of one victim on one case, and the one in force after any raise by hand. */
async function entitlementOf(tx: Db, c: repo.VictimCase, victim: repo.VictimPerson, profile: repo.ProfileRow | undefined): Promise<EffectiveEntitlement> {
  const facts = await repo.reportFactsForVictim(tx, c.id, victim.personId);
  const derived = deriveEntitlement(
    {
      offence: c.offence ?? c.suggestedOffence,
      alsoRecord: c.alsoRecord,
      domesticAbuse: c.domesticAbuse,
      indicators: facts.indicators,
      ageAtReport: victim.dateOfBirth && facts.firstReportedAt ? ageOn(victim.dateOfBirth, londonDateOf(facts.firstReportedAt)) : null,
      reportsAsVictim: facts.reportsAsVictim,
    },
    westYorkshireEntitlementPolicy,
  );
  return effectiveEntitlement(derived, profile?.raisedToEnhanced && profile.raiseReason ? { reason: profile.raiseReason } : null);
}

/**
 * The Victims' Code service a victim is entitled to on a case, for callers already inside
 * a transaction that has checked access (the report flow uses it to time the first contact).
 */
export async function entitlementOnCase(tx: Db, caseId: string, personId: string): Promise<EffectiveEntitlement> {
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  const victim = await victimOf(tx, caseId, personId);
  const profile = (await repo.profilesOfCase(tx, caseId)).find((p) => p.personId === personId);
  return entitlementOf(tx, c, victim, profile);
}

function isStalkingCase(c: repo.VictimCase): boolean {
  return [c.offence ?? c.suggestedOffence, ...c.alsoRecord].some((o) => !!o && westYorkshireEntitlementPolicy.stalkingOffences.includes(o));
}

/** Roles that can be a victim's named contact. */
export const CONTACT_ROLES = ['investigator', 'detective-sergeant', 'attending-officer', 'stalking-champion', 'stalking-coordination-unit'] as const;

// ---------------------------------------------------------------------------
// Reading: the victim care page and the API

export interface DutyView extends repo.DutyRow {
  label: string;
  overdue: boolean;
  open: boolean;
}

export interface VictimView {
  person: repo.VictimPerson;
  profile: repo.ProfileRow | null;
  version: number;
  entitlement: EffectiveEntitlement;
  handovers: repo.HandoverRow[];
  duties: DutyView[];
  contacts: repo.ContactRow[];
  chases: number;
  referrals: Array<repo.ReferralRow & { serviceName: string }>;
  requiredOffers: RequiredOffer[];
  packs: repo.PackRow[];
  withdrawal: repo.WithdrawalRow | null;
  courtSupport: repo.CourtSupportRow | null;
}

export interface CaseVictimsView {
  case: repo.VictimCase;
  victims: VictimView[];
  events: Array<repo.EventRow & { label: string }>;
  outcome: (repo.OutcomeRow & { title: string }) | null;
  chases: number;
}

function dutyView(d: repo.DutyRow, now: Date): DutyView {
  const open = d.doneAt === null && d.taskStatus !== 'cancelled';
  return { ...d, label: eventLabel(d.event), open, overdue: open && d.dueAt.getTime() < now.getTime() };
}

async function loadView(tx: Db, c: repo.VictimCase, now: Date): Promise<CaseVictimsView> {
  const [victims, profiles, handovers, duties, contacts, referrals, packs, events, outcome, withdrawals, courtSupport] = await Promise.all([
    repo.victimsOfCase(tx, c.id),
    repo.profilesOfCase(tx, c.id),
    repo.handoversOfCase(tx, c.id),
    repo.dutiesOfCase(tx, c.id),
    repo.contactsOfCase(tx, c.id),
    repo.referralsOfCase(tx, c.id),
    repo.packsOfCase(tx, c.id),
    repo.eventsOfCase(tx, c.id),
    repo.getOutcome(tx, c.id),
    repo.withdrawalsOfCase(tx, c.id),
    repo.courtSupportOfCase(tx, c.id),
  ]);
  const stalking = isStalkingCase(c);
  const views: VictimView[] = [];
  for (const person of victims) {
    const profile = profiles.find((p) => p.personId === person.personId) ?? null;
    const mine = referrals.filter((r) => r.personId === person.personId);
    const theirContacts = contacts.filter((x) => x.personId === person.personId);
    views.push({
      person,
      profile,
      version: profile?.version ?? 1,
      entitlement: await entitlementOf(tx, c, person, profile ?? undefined),
      handovers: handovers.filter((h) => h.personId === person.personId),
      duties: duties.filter((d) => d.personId === person.personId).map((d) => dutyView(d, now)),
      contacts: theirContacts,
      chases: theirContacts.filter((x) => x.chasingUpdate).length,
      referrals: mine.map((r) => ({ ...r, serviceName: findService(r.serviceCode)?.name ?? r.serviceCode })),
      requiredOffers: requiredOffers({ stalking, referrals: mine }),
      packs: packs.filter((p) => p.personId === person.personId),
      withdrawal: withdrawals.find((w) => w.personId === person.personId) ?? null,
      courtSupport: courtSupport.find((x) => x.personId === person.personId) ?? null,
    });
  }
  return {
    case: c,
    victims: views,
    events: events.map((e) => ({ ...e, label: eventLabel(e.event) })),
    outcome: outcome ? { ...outcome, title: outcomeType(outcome.outcomeCode)?.title ?? `Outcome ${outcome.outcomeCode}` } : null,
    chases: contacts.filter((x) => x.chasingUpdate).length,
  };
}

/** Everything about the victims of a case. Audited as a view; restricted cases need a named user and a reason. */
export async function viewVictims(deps: Deps, ctx: RequestContext, caseId: string, reason?: string): Promise<CaseVictimsView> {
  requirePermission(ctx.actor, 'cases:read');
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Outcome<CaseVictimsView>> => {
    try {
      const { c, reason: given } = await caseForRead(tx, ctx, caseId, reason);
      const view = await loadView(tx, c, deps.clock.now());
      await audit(tx, ctx, 'view', 'case-victims', c.id, { victims: view.victims.length }, given);
      return { value: view };
    } catch (error) {
      return { error };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

export interface VictimFormContext {
  case: repo.VictimCase;
  victim: VictimView;
  candidates: repo.ContactCandidate[];
}

/** What a form about one victim shows: their name, profile and open duties. Restricted cases need the user named on them. */
export async function victimForForm(deps: Deps, ctx: RequestContext, caseId: string, personId: string): Promise<VictimFormContext> {
  requirePermission(ctx.actor, 'victims:contact');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    await victimOf(tx, caseId, personId);
    const view = await loadView(tx, c, deps.clock.now());
    const victim = view.victims.find((v) => v.person.personId === personId)!;
    await audit(tx, ctx, 'view', 'case-victims', c.id, { personId, form: true });
    return { case: c, victim, candidates: await repo.contactCandidates(tx, CONTACT_ROLES) };
  });
}

/** The case for the event form: its reference and victims' names. */
export async function caseForEventForm(deps: Deps, ctx: RequestContext, caseId: string): Promise<{ case: repo.VictimCase; victims: repo.VictimPerson[] }> {
  requireAny(ctx, EVENT_PERMISSIONS);
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const victims = await repo.victimsOfCase(tx, caseId);
    await audit(tx, ctx, 'view', 'case-victims', c.id, { form: 'event' });
    return { case: c, victims };
  });
}

// ---------------------------------------------------------------------------
// Input helpers

const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).nullish().transform((v) => v || null));

const yesNo = z.preprocess((v) => (v === 'yes' || v === 'true' || v === true ? true : v === 'no' || v === 'false' || v === false ? false : v), z.boolean());
const optionalYesNo = z.preprocess(
  (v) => (v === 'yes' || v === 'true' || v === true ? true : v === 'no' || v === 'false' || v === false ? false : v === '' || v === undefined || v === 'not-asked' ? null : v),
  z.boolean({ message: 'Choose yes, no or not asked' }).nullable(),
);

/** An instant: ISO 8601 with an offset (API), or 'YYYY-MM-DDTHH:MM' London time (pages). */
const instant = (label: string) =>
  z.preprocess(
    (v) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v.trim() : v),
    z
      .string({ message: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .refine((s) => toInstant(s) !== null, `Enter ${label} as a real date and time`)
      .transform((s) => toInstant(s)!),
  );

/** Parses a date and time. Without an offset it is read as London time. */
export function toInstant(value: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (local) {
    const [, date, hh, mm] = local as unknown as [string, string, string, string];
    if (!isLocalDate(date) || Number(hh) > 23 || Number(mm) > 59) return null;
    return londonWallClock(date, Number(hh), Number(mm));
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant a London wall-clock time happens (the later one when clocks go back). */
function londonWallClock(date: string, hours: number, minutes: number): Date {
  const wanted = hours * 60 + minutes;
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hours, minutes);
  for (const offsetMinutes of [0, 60]) {
    const candidate = new Date(utc - offsetMinutes * 60_000);
    const [h, m] = londonHour.format(candidate).split(':').map(Number) as [number, number];
    if (h * 60 + m === wanted) return candidate;
  }
  return new Date(utc);
}

function notInFuture(at: Date, now: Date, field: string): void {
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError([{ field, message: 'The date and time cannot be in the future' }]);
}

// ---------------------------------------------------------------------------
// Profile: entitlement raise, communication needs, named contact

export const PREFERRED_METHODS = ['phone', 'text', 'email', 'in-person', 'letter', 'video'] as const;
export const METHOD_LABELS: Record<(typeof PREFERRED_METHODS)[number], string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  'in-person': 'In person',
  letter: 'Letter',
  video: 'Video call',
};

export const profileInput = z
  .object({
    personId: z.uuid('Choose a victim on this case'),
    version: z.coerce.number().int().positive(),
    raisedToEnhanced: yesNo.default(false),
    raiseReason: optionalText(2000, 'The reason'),
    language: optionalText(100, 'Language'),
    interpreterNeeded: yesNo.default(false),
    preferredMethod: z.preprocess((v) => (v === '' ? null : v), z.enum(PREFERRED_METHODS, 'Choose how the victim prefers to be contacted').nullish().transform((v) => v ?? null)),
    safeTimes: optionalText(500, 'Safe times'),
    safeToLeaveMessage: optionalYesNo.default(null),
    otherNeeds: optionalText(2000, 'Other needs'),
    contactUserId: z.preprocess((v) => (v === '' ? null : v), z.uuid('Choose the named contact from the list').nullish().transform((v) => v ?? null)),
    contactRole: z.preprocess((v) => (v === '' ? null : v), z.enum(['officer-in-case', 'spoc'], 'Choose officer in the case or SPOC').nullish().transform((v) => v ?? null)),
    handoverReason: optionalText(1000, 'The handover reason'),
  })
  .superRefine((value, ctx) => {
    if (value.raisedToEnhanced && (!value.raiseReason || value.raiseReason.length < 10)) {
      ctx.addIssue({ code: 'custom', path: ['raiseReason'], message: 'Give the reason for raising the entitlement to enhanced (at least 10 characters)' });
    }
    if (value.contactUserId && !value.contactRole) ctx.addIssue({ code: 'custom', path: ['contactRole'], message: 'Choose whether the named contact is the officer in the case or the SPOC' });
  });
export type ProfileInput = z.infer<typeof profileInput>;

/**
 * Saves a victim's profile. The entitlement can be raised to enhanced with a reason, never
 * lowered below what the rules give. Changing the named contact records a handover (with a
 * reason when someone already held it) that stays on the victim's page.
 */
export async function updateProfile(deps: Deps, ctx: RequestContext, caseId: string, input: ProfileInput): Promise<{ entitlement: EffectiveEntitlement; version: number }> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const victim = await victimOf(tx, caseId, input.personId);
    await repo.ensureProfiles(tx, caseId, [input.personId]);
    const profile = (await repo.profilesOfCase(tx, caseId)).find((p) => p.personId === input.personId)!;
    if (profile.version !== input.version) {
      throw new ConflictError('Someone else changed this victim’s profile since you opened it. Reload the page to see their changes, then try again.', [
        { field: 'version', yours: input.version, theirs: profile.version },
      ]);
    }
    const contactChanged = input.contactUserId !== profile.contactUserId;
    if (input.contactUserId && contactChanged) {
      const candidates = await repo.contactCandidates(tx, CONTACT_ROLES);
      if (!candidates.some((u) => u.id === input.contactUserId)) throw new ValidationError([{ field: 'contactUserId', message: 'Choose the named contact from the list' }]);
    }
    if (contactChanged && profile.contactUserId && (!input.handoverReason || input.handoverReason.length < 5)) {
      throw new ValidationError([{ field: 'handoverReason', message: 'Say why the named contact is changing, so the handover is on record' }]);
    }
    const change: repo.ProfileChange = {
      raisedToEnhanced: input.raisedToEnhanced,
      raiseReason: input.raisedToEnhanced ? input.raiseReason : null,
      language: input.language,
      interpreterNeeded: input.interpreterNeeded,
      preferredMethod: input.preferredMethod,
      safeTimes: input.safeTimes,
      safeToLeaveMessage: input.safeToLeaveMessage,
      otherNeeds: input.otherNeeds,
      contactUserId: input.contactUserId,
      contactRole: input.contactUserId ? input.contactRole : null,
    };
    if (!(await repo.updateProfile(tx, profile.id, input.version, change, ctx.actor.id, now))) {
      throw new ConflictError('Someone else changed this victim’s profile since you opened it. Reload the page and try again.');
    }
    if (contactChanged || (input.contactUserId && input.contactRole !== profile.contactRole)) {
      await repo.insertHandover(tx, {
        caseId,
        personId: input.personId,
        fromUserId: profile.contactUserId,
        toUserId: input.contactUserId,
        role: change.contactRole,
        reason: input.handoverReason,
        at: now,
        by: ctx.actor.id,
      });
    }
    const entitlement = await entitlementOf(tx, c, victim, { ...profile, raisedToEnhanced: change.raisedToEnhanced, raiseReason: change.raiseReason });
    await audit(tx, ctx, 'update', 'victim-profile', profile.id, {
      caseId,
      personId: input.personId,
      entitlement: entitlement.level,
      raisedByHand: entitlement.raisedByHand,
      contactChanged,
    });
    return { entitlement, version: profile.version + 1 };
  });
}

// ---------------------------------------------------------------------------
// Notification duties

export const EVENT_PERMISSIONS: readonly Permission[] = ['victims:contact', 'investigation:manage', 'orders:manage'];

export interface NotifiableEventInput {
  caseId: string;
  event: NotifiableEvent;
  at: Date;
  /** Bail events: was the victim consulted before the decision? */
  victimConsulted?: boolean | null;
  /** Bail events: the date the suspect answers bail. */
  bailUntil?: string | null;
  /** Outcome events: the Home Office outcome type. */
  outcomeCode?: number | null;
  notes?: string | null;
}

export interface RecordedEvent {
  eventId: string;
  duties: Array<{ dutyId: string; taskId: string; personId: string; kind: 'tell-victim' | 'consult-victim-bail'; entitlement: 'enhanced' | 'standard'; dueAt: Date; title: string }>;
  prompts: string[];
}

/**
 * Records an event the victims of a case must be told about, inside the caller's
 * transaction, and creates a "tell the victim" task for each victim, due within 1 working
 * day (enhanced) or 5 (standard) of the event (victimNotificationDue, scenario P8). Bail
 * decisions also ask for the victim to be consulted. The task goes to the victim's named
 * contact and the case's team. Callers check their own permission and the case's restriction.
 */
export async function recordNotifiableEvent(tx: Db, ctx: RequestContext, input: NotifiableEventInput): Promise<RecordedEvent> {
  const c = await repo.getCase(tx, input.caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  const bail = isBailEvent(input.event);
  const eventId = await repo.insertEvent(tx, {
    caseId: c.id,
    event: input.event,
    at: input.at,
    victimConsulted: bail ? (input.victimConsulted ?? null) : null,
    bailUntil: bail ? (input.bailUntil ?? null) : null,
    outcomeCode: input.event === 'outcome' ? (input.outcomeCode ?? null) : null,
    notes: input.notes ?? null,
    by: ctx.actor.id,
  });
  if (input.event === 'outcome' && input.outcomeCode) await repo.upsertOutcome(tx, { caseId: c.id, outcomeCode: input.outcomeCode, at: input.at, eventId });

  const victims = await repo.victimsOfCase(tx, c.id);
  const profiles = await repo.profilesOfCase(tx, c.id);
  const duties: RecordedEvent['duties'] = [];
  const prompts: string[] = [];
  if (bail && input.victimConsulted === false) prompts.push('The victim should be consulted before a bail decision. A task to consult them now has been created.');
  if (victims.length === 0) prompts.push('There is no victim on this case to tell.');
  for (const victim of victims) {
    const profile = profiles.find((p) => p.personId === victim.personId);
    const entitlement = await entitlementOf(tx, c, victim, profile);
    const ownerTeam = c.ownerTeam ?? (profile?.contactUserId ? (await repo.teamsOfUser(tx, profile.contactUserId))[0] : undefined) ?? 'response';
    for (const duty of dutiesForEvent({ event: input.event, at: input.at, entitlement: entitlement.level, victimConsulted: input.victimConsulted ?? undefined, bailUntil: input.bailUntil ?? null })) {
      const [taskId] = await insertTasks(tx, [
        {
          type: duty.kind,
          title: `${duty.title} (${victim.forenames} ${victim.surname})`,
          caseId: c.id,
          ownerUserId: profile?.contactUserId ?? c.ownerUserId ?? null,
          ownerTeam,
          dueAt: duty.dueAt,
          details: { eventId, event: input.event, personId: victim.personId, entitlement: entitlement.level, dueDate: duty.dueDate },
          createdBy: ctx.actor.id,
        },
      ]);
      const dutyId = await repo.insertDuty(tx, { eventId, caseId: c.id, personId: victim.personId, kind: duty.kind, entitlement: entitlement.level, dueAt: duty.dueAt, taskId: taskId! });
      duties.push({ dutyId, taskId: taskId!, personId: victim.personId, kind: duty.kind, entitlement: entitlement.level, dueAt: duty.dueAt, title: duty.title });
    }
  }
  await audit(tx, ctx, 'create', 'victim-event', eventId, { caseId: c.id, event: input.event, duties: duties.length });
  return { eventId, duties, prompts };
}

export const eventInput = z
  .object({
    event: z.enum(notifiableEventCodes, 'Choose what happened'),
    at: instant('when it happened'),
    victimConsulted: optionalYesNo.optional().transform((v) => v ?? null),
    bailUntil: z.preprocess((v) => (v === '' ? null : v), z.string().refine(isLocalDate, 'Enter the bail date as a real date').nullish().transform((v) => v ?? null)),
    notes: optionalText(2000, 'Notes'),
  })
  .superRefine((value, ctx) => {
    if (isBailEvent(value.event) && value.victimConsulted === null) ctx.addIssue({ code: 'custom', path: ['victimConsulted'], message: 'Say whether the victim was consulted before the bail decision' });
    // The outcome comes only from finalising the case, which tells the victims through this feature.
    if (value.event === 'outcome') ctx.addIssue({ code: 'custom', path: ['event'], message: 'Record the outcome by finalising the case (Finalisation): the victims’ tasks are created there' });
  });
export type EventInput = z.infer<typeof eventInput>;

/** Records an event from the page or the API. */
export async function recordEvent(deps: Deps, ctx: RequestContext, caseId: string, input: EventInput): Promise<RecordedEvent> {
  requireAny(ctx, EVENT_PERMISSIONS);
  notInFuture(input.at, deps.clock.now(), 'at');
  return runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId);
    return recordNotifiableEvent(tx, ctx, { caseId, ...input });
  });
}

export interface OverdueView {
  teams: string[];
  team: string | null;
  duties: Array<repo.OverdueDuty & { label: string; overdueHours: number }>;
}

/** Overdue "tell the victim" and bail consultation duties for a team, the longest overdue first. */
export async function overdueList(deps: Deps, ctx: RequestContext, team?: string): Promise<OverdueView> {
  requireAny(ctx, ['victims:contact', 'allocation:triage']);
  const wide = ctx.actor.permissions.has('allocation:triage') || ctx.actor.permissions.has('insights:view');
  if (team && !wide && !ctx.actor.teams.includes(team)) throw new ForbiddenError('You can only see the overdue list of your own teams.');
  const teams = team ? [team] : ctx.actor.teams;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const rows = await repo.overdueDuties(tx, teams, now);
    await audit(tx, ctx, 'view', 'victim-overdue-list', undefined, { teams, count: rows.length });
    return {
      teams,
      team: team ?? null,
      duties: rows.map((r) => ({ ...r, label: eventLabel(r.event), overdueHours: Math.floor((now.getTime() - r.dueAt.getTime()) / 3_600_000) })),
    };
  });
}

// ---------------------------------------------------------------------------
// Contact log

export const INITIATORS = ['police', 'victim', 'other'] as const;
export const VICTIM_WISHES = ['supports-prosecution', 'does-not-support', 'undecided'] as const;

const idList = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid('Choose an update from the list')).max(50));

export const contactInput = z
  .object({
    personId: z.uuid('Choose a victim on this case'),
    at: instant('when the contact happened'),
    initiatedBy: z.enum(INITIATORS, 'Choose who started the contact'),
    chasingUpdate: yesNo.default(false),
    method: z.enum(PREFERRED_METHODS, 'Choose how the contact was made'),
    discussed: z.string({ message: 'Say what was discussed' }).trim().min(5, 'Say what was discussed').max(4000, 'What was discussed must be 4,000 characters or fewer'),
    safetyAdvice: optionalText(4000, 'Safety advice'),
    victimWish: z.preprocess((v) => (v === '' ? null : v), z.enum(VICTIM_WISHES, 'Choose what the victim wants').nullish().transform((v) => v ?? null)),
    toldAbout: idList.default([]),
  })
  .superRefine((value, ctx) => {
    if (value.chasingUpdate && value.initiatedBy !== 'victim') ctx.addIssue({ code: 'custom', path: ['chasingUpdate'], message: 'Only a contact the victim started can be them chasing an update' });
  });
export type ContactInput = z.infer<typeof contactInput>;

export interface RecordedContact {
  contactId: string;
  completedDuties: string[];
  chases: number;
  inconsistency: { reason: string; taskId: string } | null;
}

/**
 * Records a contact with a victim. Telling them about events completes the matching
 * duties and tasks. A victim who now supports a prosecution on a case finalised because
 * they did not (outcome 14 or 16) flags the outcome as inconsistent and asks a supervisor
 * to reopen or justify it (scenario P12).
 */
export async function recordContact(deps: Deps, ctx: RequestContext, caseId: string, input: ContactInput): Promise<RecordedContact> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  notInFuture(input.at, now, 'at');
  return runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId);
    return recordContactIn(tx, ctx, caseId, input, now);
  });
}

/** The contact's work inside the caller's transaction (the caller checks permission and restriction). */
export async function recordContactIn(tx: Db, ctx: RequestContext, caseId: string, input: ContactInput, now: Date): Promise<RecordedContact> {
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  await victimOf(tx, caseId, input.personId);
  const duties = await repo.dutiesOfCase(tx, caseId);
  const unknown = input.toldAbout.filter((id) => !duties.some((d) => d.id === id && d.personId === input.personId));
  if (unknown.length > 0) throw new ValidationError([{ field: 'toldAbout', message: 'Choose updates that are owed to this victim' }]);
  const contactId = await repo.insertContact(tx, { caseId, ...input, by: ctx.actor.id });
  const completedDuties = await repo.completeDuties(tx, caseId, input.personId, input.toldAbout, { contactId, by: ctx.actor.id, at: now });
  await audit(tx, ctx, 'create', 'victim-contact', contactId, { caseId, personId: input.personId, initiatedBy: input.initiatedBy, chasingUpdate: input.chasingUpdate, completedDuties: completedDuties.length });
  const inconsistency = await checkVictimWish(tx, ctx, c, now);
  const chases = (await repo.contactsOfCase(tx, caseId)).filter((x) => x.chasingUpdate).length;
  return { contactId, completedDuties, chases, inconsistency };
}

/** P12: the latest wish recorded after the outcome against an outcome recorded because the victim did not support action. */
async function checkVictimWish(tx: Db, ctx: RequestContext, c: repo.VictimCase, now: Date): Promise<{ reason: string; taskId: string } | null> {
  const outcome = await repo.getOutcome(tx, c.id);
  if (!outcome || outcome.inconsistentAt) return null;
  const latest = (await repo.contactsOfCase(tx, c.id)).find((x) => x.victimWish !== null && x.at.getTime() >= outcome.recordedAt.getTime());
  const flag = outcomeInconsistentWithVictimWishes(outcome.outcomeCode, (latest?.victimWish ?? undefined) as Parameters<typeof outcomeInconsistentWithVictimWishes>[1]);
  if (!flag) return null;
  const [taskId] = await insertTasks(tx, [
    {
      type: flag.task.code,
      title: flag.task.title,
      caseId: c.id,
      ownerTeam: c.ownerTeam ?? 'cid',
      dueAt: new Date(now.getTime() + 5 * 24 * 3_600_000),
      details: { reason: flag.reason.text, why: flag.task.why, assignTo: flag.task.assignTo, outcomeCode: outcome.outcomeCode },
      createdBy: ctx.actor.id,
    },
  ]);
  await repo.markInconsistent(tx, c.id, { at: now, reason: flag.reason.text, taskId: taskId! });
  await audit(tx, ctx, 'update', 'case', c.id, { flag: flag.reason.code, outcomeCode: outcome.outcomeCode, taskId });
  return { reason: flag.reason.text, taskId: taskId! };
}

// ---------------------------------------------------------------------------
// Referrals

export const referralInput = z.object({
  personId: z.uuid('Choose a victim on this case'),
  service: z.string({ message: 'Choose a service from the list' }).refine((s) => !!findService(s), 'Choose a service from the list'),
  status: z.enum(REFERRAL_STATUSES, 'Choose where the referral stands'),
  consent: yesNo.default(false),
  consentNote: optionalText(1000, 'The consent note'),
  outcome: optionalText(2000, 'The outcome'),
});
export type ReferralInput = z.infer<typeof referralInput>;

export const referralUpdateInput = z.object({
  version: z.coerce.number().int().positive(),
  status: z.enum(REFERRAL_STATUSES, 'Choose where the referral stands'),
  consent: yesNo.default(false),
  consentNote: optionalText(1000, 'The consent note'),
  outcome: optionalText(2000, 'The outcome'),
});
export type ReferralUpdateInput = z.infer<typeof referralUpdateInput>;

function referralProblems(problems: Array<{ field: string; message: string }>): void {
  if (problems.length > 0) throw new ValidationError(problems);
}

/** Records a referral offered, declined or made. Victim Support for a domestic abuse victim needs their explicit consent. */
export async function createReferral(deps: Deps, ctx: RequestContext, caseId: string, input: ReferralInput): Promise<{ referralId: string }> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    await victimOf(tx, caseId, input.personId);
    referralProblems(checkReferralChange({ serviceCode: input.service, from: null, to: input.status, consent: input.consent, domesticAbuse: c.domesticAbuse }));
    const referralId = await repo.insertReferral(tx, {
      caseId,
      personId: input.personId,
      serviceCode: input.service,
      status: input.status,
      consent: input.consent,
      consentNote: input.consentNote,
      outcome: input.outcome,
      by: ctx.actor.id,
      at: now,
    });
    await audit(tx, ctx, 'create', 'victim-referral', referralId, { caseId, personId: input.personId, service: input.service, status: input.status, consent: input.consent });
    return { referralId };
  });
}

/** Moves a referral on (made, taken up, declined), with the version the user read. */
export async function updateReferral(deps: Deps, ctx: RequestContext, caseId: string, referralId: string, input: ReferralUpdateInput): Promise<void> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  await runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const referral = await repo.getReferral(tx, caseId, referralId);
    if (!referral) throw new NotFoundError('There is no such referral on this case.');
    if (referral.version !== input.version) {
      throw new ConflictError('Someone else changed this referral since you opened it. Reload the page to see it.', [{ field: 'status', yours: input.status, theirs: referral.status }]);
    }
    const consent = input.consent || referral.consent;
    referralProblems(checkReferralChange({ serviceCode: referral.serviceCode, from: referral.status, to: input.status, consent, domesticAbuse: c.domesticAbuse }));
    const saved = await repo.updateReferral(tx, referralId, input.version, {
      status: input.status,
      consent,
      consentNote: input.consentNote ?? referral.consentNote,
      consentNewlyGiven: consent && !referral.consent,
      outcome: input.outcome ?? referral.outcome,
      at: now,
    });
    if (!saved) throw new ConflictError('Someone else changed this referral since you opened it. Reload the page to see it.');
    await audit(tx, ctx, 'update', 'victim-referral', referralId, { caseId, from: referral.status, to: input.status, consent });
  });
}

export const SUPPORT_SERVICES = DEFAULT_SUPPORT_SERVICES;

// ---------------------------------------------------------------------------
// Safety information pack

export const PACK_METHODS = ['in-person', 'post', 'email'] as const;
export const PACK_METHOD_LABELS: Record<(typeof PACK_METHODS)[number], string> = { 'in-person': 'Handed over in person', post: 'Sent by post', email: 'Sent by email' };

export interface PackView {
  case: repo.VictimCase;
  personId: string;
  pack: SafetyPack;
  given: repo.PackRow[];
}

async function packFor(tx: Db, c: repo.VictimCase, personId: string, now: Date): Promise<{ pack: SafetyPack; given: repo.PackRow[] }> {
  const victim = await victimOf(tx, c.id, personId);
  const profile = (await repo.profilesOfCase(tx, c.id)).find((p) => p.personId === personId);
  const entitlement = await entitlementOf(tx, c, victim, profile);
  const pack = buildSafetyPack({
    caseReference: c.reference,
    victimForenames: victim.forenames,
    contact: profile?.contactUserId && profile.contactName ? { name: profile.contactName, role: profile.contactRole === 'spoc' ? 'single point of contact' : 'officer in the case' } : null,
    entitlement: entitlement.level,
    producedOn: formatLocalDate(londonDateOf(now)),
  });
  const given = (await repo.packsOfCase(tx, c.id)).filter((p) => p.personId === personId);
  return { pack, given };
}

/** The printable pack for one victim. Audited as a view; built only from data safe to give the victim. */
export async function viewSafetyPack(deps: Deps, ctx: RequestContext, caseId: string, personId: string): Promise<PackView> {
  requirePermission(ctx.actor, 'victims:contact');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const { pack, given } = await packFor(tx, c, personId, deps.clock.now());
    await audit(tx, ctx, 'view', 'victim-safety-pack', c.id, { personId, format: 'page' });
    return { case: c, personId, pack, given };
  });
}

/**
 * The same pack as a PDF, drawn from the same model as the printable page. Audited as a
 * view like the page; giving it to the victim is recorded with recordPackGiven (format pdf),
 * which puts it on the contact log.
 */
export async function safetyPackPdf(deps: Deps, ctx: RequestContext, caseId: string, personId: string, options: { compress?: boolean } = {}): Promise<{ pdf: Buffer; reference: string }> {
  requirePermission(ctx.actor, 'victims:contact');
  const { pack, reference } = await runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const { pack } = await packFor(tx, c, personId, deps.clock.now());
    await audit(tx, ctx, 'view', 'victim-safety-pack', c.id, { personId, format: 'pdf' });
    return { pack, reference: c.reference };
  });
  return { pdf: await renderSafetyPackPdf(pack, options), reference };
}

export const PACK_FORMATS = ['printed', 'pdf'] as const;
export const PACK_FORMAT_LABELS: Record<(typeof PACK_FORMATS)[number], string> = { printed: 'Printed page', pdf: 'PDF' };

export const packGivenInput = z.object({
  personId: z.uuid('Choose a victim on this case'),
  how: z.enum(PACK_METHODS, 'Choose how the pack was given'),
  format: z.preprocess((v) => (v === '' || v === undefined ? 'printed' : v), z.enum(PACK_FORMATS, 'Choose the printed page or the PDF')).default('printed'),
  at: instant('when the pack was given').optional(),
});
export type PackGivenInput = z.infer<typeof packGivenInput>;

/** Records that the pack was given, on the pack record and on the contact log. */
export async function recordPackGiven(deps: Deps, ctx: RequestContext, caseId: string, input: PackGivenInput): Promise<{ packId: string; contactId: string }> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  const at = input.at ?? now;
  notInFuture(at, now, 'at');
  return runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId);
    await victimOf(tx, caseId, input.personId);
    const method = input.how === 'post' ? 'letter' : input.how;
    const contactId = await repo.insertContact(tx, {
      caseId,
      personId: input.personId,
      at,
      initiatedBy: 'police',
      chasingUpdate: false,
      method,
      discussed: `Safety information pack ${input.format === 'pdf' ? '(PDF) ' : ''}given (${PACK_METHOD_LABELS[input.how].toLowerCase()}).`,
      safetyAdvice: 'Safety information pack: emergency contacts, keeping evidence, online safety, support services.',
      victimWish: null,
      by: ctx.actor.id,
    });
    const packId = await repo.insertPack(tx, { caseId, personId: input.personId, at, how: input.how, format: input.format, contactId, by: ctx.actor.id });
    await audit(tx, ctx, 'create', 'victim-safety-pack', packId, { caseId, personId: input.personId, how: input.how, format: input.format, contactId });
    return { packId, contactId };
  });
}

export { ReasonRequiredError };

/** The current instant as the contact form's default time. */
export function localNow(deps: Deps): string {
  return deps.clock.now().toISOString();
}

// ---------------------------------------------------------------------------
// Withdrawal of support (shared with finalisation)

const localDateField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : v ?? null),
    z.string().refine(isLocalDate, `Enter ${label} as a real date`).nullable(),
  );

export const withdrawalInput = z.object({
  personId: z.uuid('Choose a victim on this case'),
  /** The version read; 0 when there was no record yet. */
  version: z.coerce.number().int().min(0).default(0),
  withdrawnOn: localDateField('the date the victim withdrew their support'),
  reasons: optionalText(8000, 'The reasons'),
  statementTaken: yesNo.default(false),
  statementTakenOn: localDateField('the date the statement was taken'),
  supportDetailsGiven: yesNo.default(false),
  supportDetails: optionalText(4000, 'The support details'),
  followUpOn: localDateField('the follow-up contact date'),
  evidenceLedConsidered: yesNo.default(false),
  evidenceLedDecision: z.preprocess((v) => (v === '' ? null : v), z.enum(EVIDENCE_LED_DECISIONS, 'Choose the decision on an evidence-led prosecution').nullish().transform((v) => v ?? null)),
  evidenceLedRationale: optionalText(8000, 'The rationale'),
});
export type WithdrawalInput = z.infer<typeof withdrawalInput>;

function recordOf(input: WithdrawalInput): WithdrawalRecord {
  return {
    withdrawnOn: input.withdrawnOn,
    reasons: input.reasons,
    statementTaken: input.statementTaken,
    statementTakenOn: input.statementTakenOn,
    supportDetailsGiven: input.supportDetailsGiven,
    supportDetails: input.supportDetails,
    followUpOn: input.followUpOn,
    evidenceLedConsidered: input.evidenceLedConsidered,
    evidenceLedDecision: input.evidenceLedDecision,
    evidenceLedRationale: input.evidenceLedRationale,
  };
}

/**
 * Keeps the follow-up contact task in step with the record: one open task due at the end
 * of the agreed day, owned by the victim's named contact; a changed or removed date
 * cancels the old task.
 */
async function syncFollowUpTask(tx: Db, ctx: RequestContext, c: repo.VictimCase, victim: repo.VictimPerson, w: { id: string; followUpOn: string | null; followUpTaskId: string | null }, now: Date): Promise<string | null> {
  const current = w.followUpTaskId ? await getTask(tx, w.followUpTaskId) : undefined;
  const currentOpen = current && current.status === 'open' ? current : undefined;
  const currentDate = currentOpen ? (currentOpen.details as Record<string, unknown>).followUpOn : undefined;
  if (currentOpen && currentDate === w.followUpOn) return currentOpen.id;
  if (currentOpen) {
    await closeTask(tx, currentOpen.id, currentOpen.version, { status: 'cancelled', outcome: w.followUpOn ? `Follow-up moved to ${w.followUpOn}` : 'Follow-up date removed', by: ctx.actor.id, at: now });
  }
  if (!w.followUpOn) {
    await repo.setWithdrawalFollowUpTask(tx, w.id, null);
    return null;
  }
  const profile = (await repo.profilesOfCase(tx, c.id)).find((p) => p.personId === victim.personId);
  const [taskId] = await insertTasks(tx, [
    {
      type: 'victim-follow-up-contact',
      title: `Make the agreed follow-up contact with the victim (${victim.forenames} ${victim.surname})`,
      caseId: c.id,
      ownerUserId: profile?.contactUserId ?? c.ownerUserId ?? null,
      ownerTeam: c.ownerTeam ?? 'response',
      dueAt: endOfLondonDay(w.followUpOn),
      details: {
        withdrawalId: w.id,
        personId: victim.personId,
        followUpOn: w.followUpOn,
        why: 'Check whether the victim has accessed support, suffered further incidents or now wants to support a prosecution.',
      },
      createdBy: ctx.actor.id,
    },
  ]);
  await repo.setWithdrawalFollowUpTask(tx, w.id, taskId!);
  return taskId!;
}

/** Inserts or updates (with the version read) one victim's withdrawal record, keeps its follow-up task in step, and audits. */
async function storeWithdrawal(
  tx: Db,
  ctx: RequestContext,
  c: repo.VictimCase,
  victim: repo.VictimPerson,
  existing: repo.WithdrawalRow | null,
  version: number,
  record: WithdrawalRecord,
  now: Date,
  from: 'victim-care' | 'finalisation',
): Promise<{ withdrawalId: string; version: number; followUpTaskId: string | null }> {
  let withdrawalId: string;
  if (existing) {
    if (existing.version !== version) {
      throw new ConflictError('Someone else changed this withdrawal record since you opened it. Reload the page to see their changes, then try again.', [{ field: 'version', yours: version, theirs: existing.version }]);
    }
    if (!(await repo.updateWithdrawal(tx, existing.id, version, record, ctx.actor.id, now))) {
      throw new ConflictError('Someone else changed this withdrawal record since you opened it. Reload the page and try again.');
    }
    withdrawalId = existing.id;
  } else {
    if (version !== 0) throw new ConflictError('This withdrawal record has been removed or was never saved. Reload the page and try again.');
    withdrawalId = await repo.insertWithdrawal(tx, { caseId: c.id, personId: victim.personId, ...record, by: ctx.actor.id, at: now });
  }
  const followUpTaskId = await syncFollowUpTask(tx, ctx, c, victim, { id: withdrawalId, followUpOn: record.followUpOn, followUpTaskId: existing?.followUpTaskId ?? null }, now);
  await audit(tx, ctx, existing ? 'update' : 'create', 'victim-withdrawal', withdrawalId, {
    caseId: c.id,
    personId: victim.personId,
    from,
    statementTaken: record.statementTaken,
    supportDetailsGiven: record.supportDetailsGiven,
    evidenceLedConsidered: record.evidenceLedConsidered,
    evidenceLedDecision: record.evidenceLedDecision,
    followUpOn: record.followUpOn,
  });
  return { withdrawalId, version: existing ? existing.version + 1 : 1, followUpTaskId };
}

/**
 * Records a victim's withdrawal of support: reasons, the statement of reasons, the support
 * details given, the follow-up contact (a task) and the evidence-led prosecution decision.
 * Finalisation with outcome 16 reads this same record.
 */
export async function saveWithdrawal(deps: Deps, ctx: RequestContext, caseId: string, input: WithdrawalInput): Promise<{ withdrawalId: string; version: number; followUpTaskId: string | null }> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  const record = recordOf(input);
  const problems = checkWithdrawal(record, londonDateOf(now));
  if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ field: p.field, message: p.message })));
  return runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId);
    return saveWithdrawalIn(tx, ctx, caseId, input, now);
  });
}

/** The work of saveWithdrawal inside the caller's transaction (the caller checks permission and restriction). */
export async function saveWithdrawalIn(tx: Db, ctx: RequestContext, caseId: string, input: WithdrawalInput, now: Date): Promise<{ withdrawalId: string; version: number; followUpTaskId: string | null }> {
  const record = recordOf(input);
  const problems = checkWithdrawal(record, londonDateOf(now));
  if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ field: p.field, message: p.message })));
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  const victim = await victimOf(tx, caseId, input.personId);
  const existing = (await repo.withdrawalsOfCase(tx, caseId)).find((w) => w.personId === input.personId) ?? null;
  return storeWithdrawal(tx, ctx, c, victim, existing, input.version, record, now, 'victim-care');
}

/** What finalisation with outcome 16 reads from victim care, after adding what was given at finalisation. */
export interface WithdrawalForFinalisation {
  personId: string | null;
  existing: repo.WithdrawalRow | null;
  record: WithdrawalRecord;
  outcome16: Required<Outcome16Given>;
}

/**
 * The withdrawal record finalisation uses for outcome 16: the most recently changed one on
 * the case (or, when none exists, a new one for the first victim), with anything given at
 * finalisation added. For callers inside a transaction that has checked access.
 */
export async function withdrawalForFinalisation(tx: Db, caseId: string, given: Outcome16Given | undefined): Promise<WithdrawalForFinalisation> {
  const existing = (await repo.withdrawalsOfCase(tx, caseId))[0] ?? null;
  const personId = existing?.personId ?? (await repo.victimsOfCase(tx, caseId))[0]?.personId ?? null;
  const record = mergeWithdrawal(existing, given);
  return { personId, existing, record, outcome16: outcome16FromWithdrawal(record) };
}

/**
 * Saves what finalisation added to the withdrawal record (the one record, not a copy) and
 * returns its id and follow-up task. For callers inside a transaction that has checked access.
 */
export async function keepWithdrawalFromFinalisation(tx: Db, ctx: RequestContext, caseId: string, chosen: WithdrawalForFinalisation, now: Date): Promise<{ withdrawalId: string; followUpTaskId: string | null } | null> {
  if (!chosen.personId) return null;
  if (chosen.existing && sameWithdrawal(chosen.existing, chosen.record)) {
    return { withdrawalId: chosen.existing.id, followUpTaskId: chosen.existing.followUpTaskId };
  }
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  const victim = await victimOf(tx, caseId, chosen.personId);
  const saved = await storeWithdrawal(tx, ctx, c, victim, chosen.existing, chosen.existing?.version ?? 0, chosen.record, now, 'finalisation');
  return { withdrawalId: saved.withdrawalId, followUpTaskId: saved.followUpTaskId };
}

// ---------------------------------------------------------------------------
// Victim personal statement and special measures

const codeList = <T extends string>(codes: readonly [T, ...T[]], message: string) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(codes, message)).max(codes.length));

export const courtSupportInput = z.object({
  personId: z.uuid('Choose a victim on this case'),
  version: z.coerce.number().int().min(0).default(0),
  vpsOfferedOn: localDateField('the date the statement was offered'),
  vpsTakenOn: localDateField('the date the statement was taken'),
  vpsUpdatedOn: localDateField('the date the statement was updated'),
  measuresAssessedOn: localDateField('the date of the assessment'),
  measuresNeeds: codeList(SPECIAL_MEASURES_NEED_CODES, 'Choose needs from the list').default([]),
  measuresConsidered: codeList(SPECIAL_MEASURE_CODES, 'Choose measures from the list').default([]),
  measuresDecision: optionalText(4000, 'The decision'),
});
export type CourtSupportInput = z.infer<typeof courtSupportInput>;

/** Saves the victim personal statement dates and the special measures assessment for one victim. */
export async function saveCourtSupport(deps: Deps, ctx: RequestContext, caseId: string, input: CourtSupportInput): Promise<{ id: string; version: number }> {
  requirePermission(ctx.actor, 'victims:contact');
  const now = deps.clock.now();
  const record: CourtSupportRecord = {
    vpsOfferedOn: input.vpsOfferedOn,
    vpsTakenOn: input.vpsTakenOn,
    vpsUpdatedOn: input.vpsUpdatedOn,
    measuresAssessedOn: input.measuresAssessedOn,
    measuresNeeds: [...new Set(input.measuresNeeds)],
    measuresConsidered: [...new Set(input.measuresConsidered)],
    measuresDecision: input.measuresDecision,
  };
  const problems = checkCourtSupport(record, londonDateOf(now));
  if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ field: p.field, message: p.message })));
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    await victimOf(tx, caseId, input.personId);
    const existing = (await repo.courtSupportOfCase(tx, caseId)).find((x) => x.personId === input.personId);
    let id: string;
    if (existing) {
      if (existing.version !== input.version || !(await repo.updateCourtSupport(tx, existing.id, input.version, record, ctx.actor.id, now))) {
        throw new ConflictError('Someone else changed this record since you opened it. Reload the page to see their changes, then try again.', [{ field: 'version', yours: input.version, theirs: existing.version }]);
      }
      id = existing.id;
    } else {
      if (input.version !== 0) throw new ConflictError('This record was never saved. Reload the page and try again.');
      id = await repo.insertCourtSupport(tx, { caseId, personId: input.personId, ...record, by: ctx.actor.id, at: now });
    }
    await audit(tx, ctx, existing ? 'update' : 'create', 'victim-court-support', id, {
      caseId: c.id,
      personId: input.personId,
      vps: { offeredOn: record.vpsOfferedOn, takenOn: record.vpsTakenOn, updatedOn: record.vpsUpdatedOn },
      measuresAssessedOn: record.measuresAssessedOn,
      measuresConsidered: record.measuresConsidered,
    });
    return { id, version: existing ? existing.version + 1 : 1 };
  });
}
