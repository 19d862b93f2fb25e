import { z } from 'zod';
import { isLocalDate, todayInLondon } from '../../domain/calendar/index.ts';
import { normaliseEmail, normaliseHandle, normalisePhone, normalisePostcode, normaliseVehicle, type Normalised } from '../../domain/people/index.ts';
import { can, requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, NotFoundError, ReasonRequiredError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as history from './history-repository.ts';
import * as repo from './repository.ts';
import { DEFAULT_RESTRICTED_CONTACT, orderTypeLabel } from './labels.ts';
import { toFlagView, type FlagView } from './history.ts';

export const accessReason = z
  .string()
  .trim()
  .min(10, 'Give a reason of at least 10 characters for opening this restricted record')
  .max(500, 'Reason must be 500 characters or fewer');

export { DEFAULT_RESTRICTED_CONTACT, orderTypeLabel } from './labels.ts';

/**
 * The need-to-know gate for restricted records. Users not named on the record learn
 * only that it exists and whom to contact; named users must give a reason, which is
 * audited with the view.
 */
export async function checkRestrictedAccess(
  db: Db,
  ctx: RequestContext,
  record: { type: string; id: string; restricted: boolean; contact: string | null },
  reason: string | undefined,
): Promise<string | undefined> {
  if (!record.restricted) return undefined;
  const named = await repo.isNamedOnRecord(db, record.type, record.id, ctx.actor.id);
  if (!named) {
    await appendAudit(db, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'view-denied',
      recordType: record.type,
      recordId: record.id,
      details: { restricted: true },
      requestId: ctx.requestId,
    });
    throw new RestrictedRecordError(record.contact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  if (reason === undefined) throw new ReasonRequiredError();
  const parsed = accessReason.safeParse(reason);
  if (!parsed.success) throw new ValidationError([{ field: 'reason', message: parsed.error.issues[0]?.message ?? 'Give a reason' }]);
  return parsed.data;
}

export async function listPeople(deps: Deps, ctx: RequestContext): Promise<repo.PersonListItem[]> {
  requirePermission(ctx.actor, 'people:read');
  return deps.db.transaction().execute(async (tx) => {
    const people = await repo.listPeople(tx, ctx.actor.id, 200);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'search',
      recordType: 'person-list',
      details: { results: people.length },
      requestId: ctx.requestId,
    });
    return people;
  });
}

// ---------------------------------------------------------------------------------------
// Input

export const GENDERS = ['Female', 'Male', 'Other'] as const;

/** Form lists arrive with blank rows; those are dropped before validation. */
const stringList = (max: number, label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((s) => String(s ?? '').trim()).filter((s) => s !== '')),
    z.array(z.string().max(max, `${label} must be ${max} characters or fewer`)).max(10, `Enter at most 10 ${label.toLowerCase()}s`),
  );

const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(max, message).nullish().transform((v) => v || null));

const optionalAge = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? Number(v.trim()) : v),
  z.number({ message: 'Enter an age in years, like 39' }).int('Enter an age in whole years').min(0, 'Age must be 0 or more').max(120, 'Age must be 120 or less').nullable(),
);

const nameField = (label: string) => z.string({ message: `Enter the ${label}` }).trim().min(1, `Enter the ${label}`).max(100, `The ${label} must be 100 characters or fewer`);

const aliasInput = z.object({
  forenames: z.string().trim().max(100, 'Alias forenames must be 100 characters or fewer').default(''),
  surname: z.string().trim().max(100, 'Alias surname must be 100 characters or fewer').default(''),
});

const handleInput = z.object({
  platform: z.string().trim().max(60, 'Platform must be 60 characters or fewer').default(''),
  handle: z.string().trim().max(200, 'Account must be 200 characters or fewer').default(''),
});

const addressInput = z.object({
  line: optionalText(200, 'Address must be 200 characters or fewer'),
  town: optionalText(100, 'Town must be 100 characters or fewer'),
  postcode: optionalText(10, 'Postcode must be 10 characters or fewer'),
  protected: z.preprocess((v) => v === true || v === 'true' || v === 'yes', z.boolean()).default(false),
});

const rowsOf = <T extends z.ZodType>(item: T, isBlank: (row: Record<string, unknown>) => boolean) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((row) => !(row && typeof row === 'object' && isBlank(row as Record<string, unknown>))) : v ?? []),
    z.array(item).max(10, 'Enter at most 10'),
  );

const blank = (...keys: string[]) => (row: Record<string, unknown>) => keys.every((k) => String(row[k] ?? '').trim() === '');

function checkIdentifiers(
  value: { phones: string[]; emails: string[]; vehicles: string[]; handles: Array<{ platform: string; handle: string }>; addresses: Array<{ postcode: string | null }> },
  ctx: z.RefinementCtx,
): void {
  const check = (path: Array<string | number>, result: Normalised) => {
    if (!result.ok) ctx.addIssue({ code: 'custom', path, message: result.error });
  };
  value.phones.forEach((p, i) => check(['phones', i], normalisePhone(p)));
  value.emails.forEach((e, i) => check(['emails', i], normaliseEmail(e)));
  value.vehicles.forEach((v, i) => check(['vehicles', i], normaliseVehicle(v)));
  value.handles.forEach((h, i) => check(['handles', i, 'handle'], normaliseHandle(h)));
  value.addresses.forEach((a, i) => {
    if (a.postcode) check(['addresses', i, 'postcode'], normalisePostcode(a.postcode));
  });
}

const personFields = z.object({
  forenames: nameField('forenames'),
  surname: nameField('surname'),
  aliases: rowsOf(aliasInput, blank('forenames', 'surname')).default([]),
  dateOfBirth: z.preprocess((v) => (v === '' ? null : v), z.string().refine(isLocalDate, 'Enter a real date of birth').nullish().transform((v) => v ?? null)),
  ageMin: optionalAge.optional().transform((v) => v ?? null),
  ageMax: optionalAge.optional().transform((v) => v ?? null),
  gender: z.preprocess((v) => (v === '' ? null : v), z.enum(GENDERS, 'Choose female, male or other').nullish().transform((v) => v ?? null)),
  description: optionalText(2000, 'Description must be 2,000 characters or fewer'),
  phones: stringList(40, 'Phone number'),
  emails: stringList(200, 'Email address'),
  vehicles: stringList(20, 'Vehicle registration'),
  handles: rowsOf(handleInput, blank('platform', 'handle')).default([]),
  addresses: rowsOf(addressInput, blank('line', 'town', 'postcode')).default([]),
});

function refinePerson(value: z.infer<typeof personFields>, ctx: z.RefinementCtx): void {
  checkIdentifiers(value, ctx);
  value.aliases.forEach((a, i) => {
    if (a.forenames === '' && a.surname === '') ctx.addIssue({ code: 'custom', path: ['aliases', i, 'surname'], message: 'Enter the alias' });
  });
  if (value.ageMin !== null && value.ageMax !== null && value.ageMin > value.ageMax) {
    ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'The oldest age must be the same as or more than the youngest' });
  }
  if ((value.ageMin === null) !== (value.ageMax === null)) {
    ctx.addIssue({ code: 'custom', path: [value.ageMin === null ? 'ageMin' : 'ageMax'], message: 'Enter both ages of the range, or neither' });
  }
}

export const createPersonInput = personFields.superRefine(refinePerson);
export type CreatePersonInput = z.infer<typeof createPersonInput>;

export const updatePersonInput = personFields.extend({ version: z.coerce.number().int().positive() }).superRefine(refinePerson);
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;

function particularsFrom(input: CreatePersonInput, victim: boolean): repo.PersonParticulars {
  return {
    aliases: input.aliases,
    phones: input.phones,
    emails: input.emails,
    vehicles: input.vehicles,
    handles: input.handles,
    addresses: input.addresses.map((a) => ({ ...a, protected: a.protected || victim })),
  };
}

function refuseFutureDob(input: CreatePersonInput, today: string): void {
  if (input.dateOfBirth && input.dateOfBirth > today) throw new ValidationError([{ field: 'dateOfBirth', message: 'Date of birth must be in the past' }]);
}

// ---------------------------------------------------------------------------------------
// Create and edit

export async function createPerson(deps: Deps, ctx: RequestContext, input: CreatePersonInput): Promise<{ id: string }> {
  requirePermission(ctx.actor, 'people:write');
  const today = todayInLondon(deps.clock);
  refuseFutureDob(input, today);
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertPerson(tx, {
      forenames: input.forenames,
      surname: input.surname,
      dateOfBirth: input.dateOfBirth,
      gender: input.gender,
      restricted: false,
      restrictedContact: null,
      ageMin: input.ageMin,
      ageMax: input.ageMax,
      ageStatedOn: input.ageMin !== null ? today : null,
      description: input.description,
      createdBy: ctx.actor.id,
    });
    await repo.replaceParticulars(tx, id, input, particularsFrom(input, false), { keepProtectedAddresses: false });
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'create',
      recordType: 'person',
      recordId: id,
      details: { aliases: input.aliases.length, identifiers: input.phones.length + input.emails.length + input.handles.length + input.vehicles.length, addresses: input.addresses.length },
      requestId: ctx.requestId,
    });
    return { id };
  });
}

/** A person as their edit form needs them. Restricted records can be edited only by users named on them. */
export interface PersonForEdit {
  person: repo.PersonRecord;
  particulars: repo.StoredParticulars;
  /** Protected addresses the editor cannot see: kept as they are on save. */
  withheldAddresses: number;
}

async function requireNamedIfRestricted(tx: Db, ctx: RequestContext, person: repo.PersonRecord): Promise<void> {
  if (!person.restricted) return;
  if (await repo.isNamedOnRecord(tx, 'person', person.id, ctx.actor.id)) return;
  await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view-denied', recordType: 'person', recordId: person.id, details: { restricted: true }, requestId: ctx.requestId });
  throw new RestrictedRecordError(person.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT);
}

/** Runs `work` and commits, but re-throws an error only after the transaction commits (so denials stay audited). */
async function withCommittedDenials<T>(deps: Deps, work: (tx: Db) => Promise<T>): Promise<T> {
  const outcome = await deps.db.transaction().execute(async (tx): Promise<{ value: T } | { error: unknown }> => {
    try {
      return { value: await work(tx) };
    } catch (error) {
      if (error instanceof RestrictedRecordError || error instanceof ReasonRequiredError) return { error };
      throw error;
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

async function canSeeProtectedAddresses(tx: Db, ctx: RequestContext, personIds: readonly string[]): Promise<Set<string>> {
  if (!can(ctx.actor, 'cases:write')) return new Set();
  return repo.protectedAddressAllowed(tx, personIds, ctx.actor.id, ctx.actor.teams);
}

export async function personForEdit(deps: Deps, ctx: RequestContext, id: string): Promise<PersonForEdit> {
  requirePermission(ctx.actor, 'people:write');
  return withCommittedDenials(deps, async (tx) => {
    const person = await repo.getPerson(tx, id);
    if (!person) throw new NotFoundError('There is no person with that reference.');
    await requireNamedIfRestricted(tx, ctx, person);
    const particulars = (await repo.particularsOf(tx, [id])).get(id)!;
    const seeProtected = (await canSeeProtectedAddresses(tx, ctx, [id])).has(id);
    const visible = particulars.addresses.filter((a) => seeProtected || !a.protected);
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'person', recordId: id, details: { for: 'edit' }, requestId: ctx.requestId });
    return { person, particulars: { ...particulars, addresses: visible }, withheldAddresses: particulars.addresses.length - visible.length };
  });
}

export async function updatePerson(deps: Deps, ctx: RequestContext, id: string, input: UpdatePersonInput): Promise<void> {
  requirePermission(ctx.actor, 'people:write');
  const today = todayInLondon(deps.clock);
  refuseFutureDob(input, today);
  await withCommittedDenials(deps, async (tx) => {
    const before = await repo.getPerson(tx, id);
    if (!before) throw new NotFoundError('There is no person with that reference.');
    await requireNamedIfRestricted(tx, ctx, before);
    const ageChanged = input.ageMin !== before.ageMin || input.ageMax !== before.ageMax;
    const saved = await repo.updatePersonRow(
      tx,
      id,
      input.version,
      {
        forenames: input.forenames,
        surname: input.surname,
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        ageMin: input.ageMin,
        ageMax: input.ageMax,
        ageStatedOn: input.ageMin === null ? null : ageChanged ? today : (before.ageStatedOn ?? today),
        description: input.description,
      },
      deps.clock.now(),
    );
    if (!saved) throw stalePerson(before, input);
    const seeProtected = (await canSeeProtectedAddresses(tx, ctx, [id])).has(id);
    const victim = await repo.isVictim(tx, id);
    await repo.replaceParticulars(tx, id, input, particularsFrom(input, victim), { keepProtectedAddresses: !seeProtected });
    const changed = (['forenames', 'surname', 'dateOfBirth', 'gender', 'ageMin', 'ageMax', 'description'] as const).filter((k) => before[k] !== input[k]);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'update',
      recordType: 'person',
      recordId: id,
      details: { changed, particulars: 'replaced' },
      requestId: ctx.requestId,
    });
  });
}

function stalePerson(current: repo.PersonRecord, input: UpdatePersonInput): ConflictError {
  const changes = (['forenames', 'surname', 'dateOfBirth', 'gender', 'ageMin', 'ageMax', 'description'] as const)
    .filter((k) => current[k] !== input[k])
    .map((k) => ({ field: k, yours: input[k], theirs: current[k] }));
  return new ConflictError('Someone else changed this person since you opened the page. Check their changes and save again.', changes);
}

// ---------------------------------------------------------------------------------------
// Viewing

export interface Appearance {
  kind: 'report' | 'case' | 'order';
  id: string;
  /** Absent for a restricted case the user is not named on. */
  reference?: string;
  role: string;
  roleLabel: string;
  status: string;
  date: Date | string;
  restricted?: boolean;
  restrictedContact?: string;
}

const ROLE_LABELS: Record<string, string> = {
  victim: 'Victim',
  suspect: 'Suspect',
  witness: 'Witness',
  reporter: 'Reporter',
  subject: 'Subject of order',
  protected: 'Protected person',
};

export interface PersonView extends repo.PersonRecord {
  aliases: repo.NameInput[];
  phones: string[];
  emails: string[];
  handles: repo.HandleInput[];
  vehicles: string[];
  addresses: repo.StoredAddress[];
  /** Protected (victim's) addresses the user has no need to see: only their number is shown. */
  withheldAddresses: number;
  appearances: Appearance[];
  flags: FlagView[];
}

/** Every record a person appears in and in what role: reports, cases and orders. */
export async function appearancesOf(tx: Db, ctx: RequestContext, personId: string): Promise<Appearance[]> {
  const [reports, cases, orders] = await Promise.all([history.reportsInvolving(tx, personId), history.casesInvolving(tx, personId), history.ordersInvolving(tx, personId)]);
  const namedCases = await repo.namedRecords(tx, 'case', cases.filter((c) => c.restricted).map((c) => c.caseId), ctx.actor.id);
  return [
    ...reports.map((r): Appearance => ({ kind: 'report', id: r.reportId, reference: r.reference, role: r.role, roleLabel: ROLE_LABELS[r.role]!, status: r.status, date: r.reportedAt })),
    ...cases.map((c): Appearance =>
      c.restricted && !namedCases.has(c.caseId)
        ? { kind: 'case', id: c.caseId, role: c.role, roleLabel: ROLE_LABELS[c.role]!, status: c.status, date: c.createdAt, restricted: true, restrictedContact: c.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT }
        : { kind: 'case', id: c.caseId, reference: c.reference, role: c.role, roleLabel: ROLE_LABELS[c.role]!, status: c.status, date: c.createdAt },
    ),
    ...orders.map((o): Appearance => ({ kind: 'order', id: o.id, reference: orderTypeLabel(o.type), role: o.role, roleLabel: ROLE_LABELS[o.role]!, status: o.status, date: o.madeOn })),
  ];
}

/**
 * Opens a person record with their aliases, identifiers, addresses (protected ones only
 * for users with a need) and every record they appear in. Restricted records need the
 * user to be named on them and a reason. The audit row is written in the same transaction
 * as the read, and a denial is audited too.
 */
export async function viewPerson(deps: Deps, ctx: RequestContext, id: string, reason?: string): Promise<PersonView> {
  requirePermission(ctx.actor, 'people:read');
  const outcome = await deps.db.transaction().execute(async (tx) => {
    const person = await repo.getPerson(tx, id);
    if (!person) return { error: new NotFoundError('There is no person with that reference.') };
    try {
      const given = await checkRestrictedAccess(tx, ctx, { type: 'person', id, restricted: person.restricted, contact: person.restrictedContact }, reason);
      const particulars = (await repo.particularsOf(tx, [id])).get(id)!;
      const seeProtected = (await canSeeProtectedAddresses(tx, ctx, [id])).has(id);
      const addresses = particulars.addresses.filter((a) => seeProtected || !a.protected);
      const appearances = await appearancesOf(tx, ctx, id);
      const today = todayInLondon(deps.clock);
      const flags = (await history.flagsOf(tx, id)).map((f) => toFlagView(f, today));
      await appendAudit(tx, {
        actorId: ctx.actor.id,
        actorUsername: ctx.actor.username,
        action: 'view',
        recordType: 'person',
        recordId: id,
        ...(given ? { reason: given } : {}),
        ...(addresses.some((a) => a.protected) ? { details: { protectedAddressShown: true } } : {}),
        requestId: ctx.requestId,
      });
      const view: PersonView = { ...person, ...particulars, addresses, withheldAddresses: particulars.addresses.length - addresses.length, appearances, flags };
      return { person: view };
    } catch (error) {
      // The denial's audit row must still be committed.
      return { error };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.person;
}
