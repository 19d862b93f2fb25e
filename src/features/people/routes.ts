import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TEAMS } from '../../domain/access/roles.ts';
import { ConflictError, NotFoundError, ReasonRequiredError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import * as flags from './flags.ts';
import { dateFrom, matchFormInput, matchPageErrors, one, personFormInput, personPageErrors, type FormBody } from './forms.ts';
import { FLAG_TYPES, historyFor } from './history.ts';
import { findCandidates, matchQueryInput } from './matching.ts';
import * as service from './service.ts';

const READ = { anyOf: ['people:read'] } as const;
const WRITE = { anyOf: ['people:write'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid person reference') });
const flagParams = z.object({ id: z.uuid('Not a valid person reference'), flagId: z.uuid('Not a valid flag reference') });
export const ACCESS_REASON_HEADER = 'vigil-access-reason';

const nameSchema = z.object({ forenames: z.string(), surname: z.string() });
const personResponse = z.object({
  id: z.string(),
  forenames: z.string(),
  surname: z.string(),
  dateOfBirth: z.string().nullable(),
  ageMin: z.number().nullable(),
  ageMax: z.number().nullable(),
  gender: z.string().nullable(),
  description: z.string().nullable(),
  restricted: z.boolean(),
  version: z.number(),
  aliases: z.array(nameSchema),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  handles: z.array(z.object({ platform: z.string(), handle: z.string() })),
  vehicles: z.array(z.string()),
  addresses: z.array(z.object({ id: z.string(), line: z.string().nullable(), town: z.string().nullable(), postcode: z.string().nullable(), protected: z.boolean() })),
  withheldAddresses: z.number().describe('Protected (victim) addresses the caller has no need to see'),
  appearances: z.array(
    z.object({
      kind: z.enum(['report', 'case', 'order']),
      id: z.string(),
      reference: z.string().optional(),
      role: z.string(),
      roleLabel: z.string(),
      status: z.string(),
      date: z.union([z.date().transform((d) => d.toISOString()), z.string()]),
      restricted: z.boolean().optional(),
      restrictedContact: z.string().optional(),
    }),
  ),
});

const reasonSchema = z.object({ code: z.string(), text: z.string(), weight: z.number() });
const candidateResponse = z.union([
  z.object({
    personId: z.string(),
    restricted: z.literal(false),
    namedOnRestricted: z.boolean(),
    name: z.string(),
    aliases: z.array(z.string()),
    dateOfBirth: z.string().nullable(),
    ageRange: z.object({ min: z.number(), max: z.number() }).nullable(),
    gender: z.string().nullable(),
    score: z.number(),
    band: z.enum(['strong', 'possible', 'weak']),
    reasons: z.array(reasonSchema),
  }),
  z.object({ personId: z.string(), restricted: z.literal(true), contact: z.string(), band: z.enum(['strong', 'possible', 'weak']) }),
]);

const personLabel = z.union([
  z.object({ id: z.string(), restricted: z.literal(false), name: z.string() }),
  z.object({ id: z.string(), restricted: z.literal(true), contact: z.string() }),
]);
const orderSchema = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  role: z.enum(['subject', 'protected']),
  active: z.boolean(),
  status: z.string(),
  court: z.string().nullable(),
  madeOn: z.string(),
  expiresOn: z.string().nullable(),
  prohibitions: z.string().nullable(),
  requirements: z.string().nullable(),
  caseId: z.string().nullable(),
  subject: personLabel,
  protectedPersons: z.array(personLabel),
});
const isoDate = z.date().transform((d) => d.toISOString());
const flagSchema = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  reason: z.string().nullable(),
  startsOn: z.string(),
  expiresOn: z.string().nullable(),
  state: z.enum(['active', 'removed', 'expired']),
  notifyTeam: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDate,
  removedAt: isoDate.nullable(),
  removalReason: z.string().nullable(),
  version: z.number(),
});
const extensionSchema = z.object({ available: z.boolean(), entries: z.array(z.object({ date: z.string(), summary: z.string(), href: z.string().optional() })) });
const historyResponse = z.union([
  z.object({ personId: z.string(), restricted: z.literal(true), contact: z.string() }),
  z.object({
    personId: z.string(),
    restricted: z.literal(false),
    name: z.string(),
    dateOfBirth: z.string().nullable(),
    hasActiveOrder: z.boolean(),
    reports: z.array(z.object({ reportId: z.string(), reference: z.string(), role: z.string(), reportedAt: isoDate, status: z.string(), crimeDecision: z.string().nullable(), caseIds: z.array(z.string()) })),
    cases: z.array(z.object({ caseId: z.string(), reference: z.string(), withheld: z.boolean(), role: z.string(), status: z.string(), offence: z.string().nullable(), createdAt: isoDate })),
    orders: z.array(orderSchema),
    bailConditions: z.array(orderSchema),
    flags: z.array(flagSchema),
    warningNotices: z.array(z.object({ id: z.string(), kind: z.enum(['PIN', 'HN1']), issuedOn: z.string(), issuingForce: z.string().nullable(), notes: z.string().nullable() })),
    riskGradings: extensionSchema,
    marac: extensionSchema,
    otherVictims: z.array(z.object({ suspect: personLabel, victim: personLabel, via: z.array(z.string()), references: z.array(z.string()) })),
  }),
]);

function idOf(request: FastifyRequest): string {
  return parse(idParams, request.params).id;
}

function flagIdsOf(request: FastifyRequest): { id: string; flagId: string } {
  return parse(flagParams, request.params);
}

const canWrite = (request: FastifyRequest): boolean => actorOf(request).permissions.has('people:write');


/** The person form's values as the template shows them (rows with blanks to fill). */
function formValues(input: Record<string, unknown>, body?: FormBody): Record<string, unknown> {
  return { ...input, dob: body ? { day: one(body, 'dob-day'), month: one(body, 'dob-month'), year: one(body, 'dob-year') } : input.dob };
}

function valuesFromPerson(edit: service.PersonForEdit): Record<string, unknown> {
  const { person, particulars } = edit;
  const [year, month, day] = person.dateOfBirth ? person.dateOfBirth.split('-') : ['', '', ''];
  return {
    forenames: person.forenames,
    surname: person.surname,
    dob: { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year },
    ageMin: person.ageMin ?? '',
    ageMax: person.ageMax ?? '',
    gender: person.gender ?? '',
    description: person.description ?? '',
    aliases: particulars.aliases,
    phones: particulars.phones,
    emails: particulars.emails,
    vehicles: particulars.vehicles,
    handles: particulars.handles,
    addresses: particulars.addresses,
    version: person.version,
  };
}

const TEAM_OPTIONS = TEAMS.filter((t) => t.code !== 'panel');

export function peopleRoutes(app: FastifyInstance, deps: Deps): void {
  const renderForm = (reply: FastifyReply, context: Record<string, unknown>) =>
    reply.render('features/people/views/person-form.njk', { genders: service.GENDERS, ...context });

  pageRoute(app, {
    method: 'GET',
    url: '/people',
    access: READ,
    summary: 'People',
    handler: async (request, reply) =>
      reply.render('features/people/views/people.njk', {
        people: await service.listPeople(deps, ctxOf(request)),
        canWrite: canWrite(request),
        canMerge: actorOf(request).permissions.has('people:merge'),
      }),
  });

  // Matching: names travel in POST bodies only, never in URLs.
  pageRoute(app, {
    method: 'GET',
    url: '/people/search',
    access: READ,
    summary: 'Search for a person',
    handler: async (_request, reply) => reply.render('features/people/views/search.njk', { values: {} }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/search',
    access: READ,
    summary: 'Search for a person: candidates with scores and reasons',
    handler: async (request, reply) => {
      const body = bodyOf(request);
      const parsed = matchQueryInput.safeParse(matchFormInput(body));
      if (!parsed.success) return reply.code(422).render('features/people/views/search.njk', { values: body, errors: matchPageErrors(fieldErrors(parsed.error)) });
      const result = await findCandidates(deps, ctxOf(request), parsed.data);
      return reply.render('features/people/views/search.njk', { values: body, result, searched: true, canWrite: canWrite(request) });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/new',
    access: WRITE,
    summary: 'Add a person',
    handler: async (_request, reply) => renderForm(reply, { values: {}, mode: 'new' }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/new',
    access: WRITE,
    summary: 'Add a person (or start the form from a search)',
    handler: async (request, reply) => {
      const body = bodyOf(request);
      if (one(body, 'from') === 'search') {
        const dob = dateFrom(body, 'dob');
        const [year, month, day] = dob && dob !== 'invalid' ? dob.split('-') : ['', '', ''];
        const about = Number(one(body, 'ageAbout'));
        return renderForm(reply, {
          mode: 'new',
          values: {
            forenames: one(body, 'forename'),
            surname: one(body, 'surname'),
            dob: { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year },
            ageMin: Number.isInteger(about) && about > 0 ? about - 2 : '',
            ageMax: Number.isInteger(about) && about > 0 ? about + 2 : '',
            phones: [one(body, 'phone')].filter(Boolean),
            emails: [one(body, 'email')].filter(Boolean),
            vehicles: [one(body, 'vehicle')].filter(Boolean),
            handles: one(body, 'handle') ? [{ platform: one(body, 'handlePlatform'), handle: one(body, 'handle') }] : [],
            addresses: one(body, 'addressLine') || one(body, 'town') || one(body, 'postcode') ? [{ line: one(body, 'addressLine'), town: one(body, 'town'), postcode: one(body, 'postcode') }] : [],
          },
        });
      }
      const input = personFormInput(body);
      const parsed = service.createPersonInput.safeParse(input);
      if (!parsed.success) return renderForm(reply.code(422), { mode: 'new', values: formValues(input, body), errors: personPageErrors(fieldErrors(parsed.error)) });
      try {
        const { id } = await service.createPerson(deps, ctxOf(request), parsed.data);
        return reply.redirect(`/people/${id}?saved=created`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return renderForm(reply.code(422), { mode: 'new', values: formValues(input, body), errors: personPageErrors(error.errors) });
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id',
    access: READ,
    summary: 'A person record',
    handler: async (request, reply) => {
      const id = idOf(request);
      try {
        const person = await service.viewPerson(deps, ctxOf(request), id);
        const saved = (request.query as Record<string, string>).saved;
        return reply.render('features/people/views/person.njk', { person, saved, canWrite: canWrite(request) });
      } catch (error) {
        if (error instanceof ReasonRequiredError) return reply.code(403).render('features/people/views/reason.njk', { id });
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/:id/open',
    access: READ,
    summary: 'Open a restricted person record with a reason',
    handler: async (request, reply) => {
      const id = idOf(request);
      const reason = String((request.body as Record<string, unknown>).reason ?? '');
      try {
        const person = await service.viewPerson(deps, ctxOf(request), id, reason);
        return reply.render('features/people/views/person.njk', { person, openedWithReason: true, canWrite: canWrite(request) });
      } catch (error) {
        if (error instanceof ValidationError) {
          return reply.code(422).render('features/people/views/reason.njk', { id, values: { reason }, errors: pageErrors(error.errors) });
        }
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id/edit',
    access: WRITE,
    summary: 'Edit a person',
    handler: async (request, reply) => {
      const edit = await service.personForEdit(deps, ctxOf(request), idOf(request));
      return renderForm(reply, { mode: 'edit', person: edit.person, withheldAddresses: edit.withheldAddresses, values: valuesFromPerson(edit) });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/:id/edit',
    access: WRITE,
    summary: 'Save changes to a person',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const body = bodyOf(request);
      const input = personFormInput(body);
      const parsed = service.updatePersonInput.safeParse(input);
      const again = async (code: number, extra: Record<string, unknown>) => {
        const edit = await service.personForEdit(deps, ctx, id);
        return renderForm(reply.code(code), { mode: 'edit', person: edit.person, withheldAddresses: edit.withheldAddresses, values: formValues(input, body), ...extra });
      };
      if (!parsed.success) return again(422, { errors: personPageErrors(fieldErrors(parsed.error)) });
      try {
        await service.updatePerson(deps, ctx, id, parsed.data);
        return reply.redirect(`/people/${id}?saved=updated`, 303);
      } catch (error) {
        if (error instanceof ConflictError) {
          const edit = await service.personForEdit(deps, ctx, id);
          return renderForm(reply.code(409), {
            mode: 'edit',
            person: edit.person,
            withheldAddresses: edit.withheldAddresses,
            values: { ...formValues(input, body), version: edit.person.version },
            conflict: error.changes,
            errors: [{ text: error.message, href: '#forenames', field: 'conflict' }],
          });
        }
        if (error instanceof ValidationError) return again(422, { errors: personPageErrors(error.errors) });
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id/history',
    access: READ,
    summary: "A person's history: reports, cases, orders, bail, flags, warnings, other victims",
    handler: async (request, reply) => {
      const [history] = await historyFor(deps, ctxOf(request), [idOf(request)]);
      if (!history) return reply.code(404).render('views/errors/not-found.njk');
      return reply.render('features/people/views/history.njk', { history });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id/flags/new',
    access: WRITE,
    summary: 'Add a flag to a person',
    handler: async (request, reply) => {
      const id = idOf(request);
      const person = await service.viewPerson(deps, ctxOf(request), id);
      return reply.render('features/people/views/flag-new.njk', { person, values: {}, flagTypes: FLAG_TYPES, teams: TEAM_OPTIONS });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/:id/flags',
    access: WRITE,
    summary: 'Add a flag to a person (creates its review task)',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const body = bodyOf(request);
      const input = { type: one(body, 'type'), reason: one(body, 'reason'), startsOn: dateFrom(body, 'startsOn'), expiresOn: dateFrom(body, 'expiresOn'), notifyTeam: one(body, 'notifyTeam') };
      const values = { ...input, startsOn: dateParts(body, 'startsOn'), expiresOn: dateParts(body, 'expiresOn') };
      const fail = async (errors: ReturnType<typeof personPageErrors>) =>
        reply.code(422).render('features/people/views/flag-new.njk', { person: await service.viewPerson(deps, ctx, id), values, errors, flagTypes: FLAG_TYPES, teams: TEAM_OPTIONS });
      const parsed = flags.addFlagInput.safeParse(input);
      if (!parsed.success) return fail(personPageErrors(fieldErrors(parsed.error)));
      try {
        await flags.addFlag(deps, ctx, id, parsed.data);
      } catch (error) {
        if (error instanceof ValidationError) return fail(personPageErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/people/${id}?saved=flag`, 303);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id/flags/:flagId/review',
    access: READ,
    summary: 'Review a flag: extend or remove',
    handler: async (request, reply) => {
      const { id, flagId } = flagIdsOf(request);
      const review = await flags.flagReview(deps, ctxOf(request), id, flagId);
      return reply.render('features/people/views/flag-review.njk', { review, values: { decision: review.proposal?.action } });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/:id/flags/:flagId/review',
    access: WRITE,
    summary: 'Record a flag review decision',
    handler: async (request, reply) => {
      const { id, flagId } = flagIdsOf(request);
      const ctx = ctxOf(request);
      const body = bodyOf(request);
      const decision = one(body, 'decision');
      const input = { decision, reason: one(body, decision === 'extend' ? 'extendReason' : 'removeReason'), expiresOn: dateFrom(body, 'newExpiresOn'), version: one(body, 'version') };
      const values = { decision, extendReason: one(body, 'extendReason'), removeReason: one(body, 'removeReason'), newExpiresOn: dateParts(body, 'newExpiresOn') };
      const fail = async (code: number, errors: ReturnType<typeof personPageErrors>) =>
        reply.code(code).render('features/people/views/flag-review.njk', { review: await flags.flagReview(deps, ctx, id, flagId), values, errors });
      const parsed = flags.flagDecisionInput.safeParse(input);
      if (!parsed.success) return fail(422, reviewErrors(personPageErrors(fieldErrors(parsed.error)), decision));
      try {
        await flags.decideFlagReview(deps, ctx, id, flagId, parsed.data);
      } catch (error) {
        if (error instanceof ValidationError) return fail(422, reviewErrors(personPageErrors(error.errors), decision));
        if (error instanceof ConflictError) return fail(409, [{ text: error.message, href: '#decision', field: 'decision' }]);
        throw error;
      }
      return reply.redirect(`/people/${id}?saved=${parsed.data.decision === 'extend' ? 'flag-extended' : 'flag-removed'}`, 303);
    },
  });

  // JSON API
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id',
    access: READ,
    summary: `Read a person with aliases, identifiers, addresses (protected ones only where the caller has a need) and every record they appear in. Restricted records need the caller to be named on them and a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['People'],
    params: idParams,
    response: personResponse,
    handler: async ({ request, params }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      const reason = typeof header === 'string' ? header : undefined;
      return service.viewPerson(deps, ctxOf(request), params.id, reason);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people',
    access: WRITE,
    summary: 'Create a person (nominal). Addresses flagged protected are shown only to users with a need.',
    tags: ['People'],
    body: service.createPersonInput,
    response: z.object({ id: z.string() }),
    successStatus: 201,
    handler: async ({ request, body }) => service.createPerson(deps, ctxOf(request), body),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/people/:id',
    access: WRITE,
    summary: 'Replace a person\'s details (send the version you read; a stale version gets 409). Protected addresses the caller cannot see are kept.',
    tags: ['People'],
    params: idParams,
    body: service.updatePersonInput,
    response: z.object({ saved: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await service.updatePerson(deps, ctxOf(request), params.id, body);
      return { saved: true as const };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/match',
    access: READ,
    summary: 'Existing people who may be the person described, with score, band and reasons. Nothing is linked or merged. Restricted people appear only as a restricted record with a contact.',
    tags: ['People'],
    body: matchQueryInput,
    response: z.object({ referenceDate: z.string(), considered: z.number(), candidates: z.array(candidateResponse) }),
    handler: async ({ request, body }) => findCandidates(deps, ctxOf(request), body),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/history',
    access: READ,
    summary: "A person's history: earlier reports and cases, orders with terms and protected persons, bail conditions, flags, historic warning notices, risk and MARAC history, other victims of the same suspect",
    tags: ['People'],
    params: idParams,
    response: historyResponse,
    handler: async ({ request, params }) => {
      const [history] = await historyFor(deps, ctxOf(request), [params.id]);
      if (!history) throw new NotFoundError('There is no person with that reference.');
      return history;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/flags',
    access: WRITE,
    summary: 'Add a flag (stalking victim or perpetrator, notify if, other marker) with expiry; creates a review task due one month before expiry',
    tags: ['People'],
    params: idParams,
    body: flags.addFlagInput,
    response: z.object({ flagId: z.string(), reviewDue: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => flags.addFlag(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/flags/:flagId/review',
    access: READ,
    summary: 'A flag review: incidents during the flag and the proposal (extend or remove)',
    tags: ['People'],
    params: flagParams,
    response: z.object({
      flag: flagSchema,
      reviewDue: z.string().nullable(),
      incidentDates: z.array(z.string()),
      proposal: z.object({ action: z.enum(['extend', 'remove']), incidentsDuringFlag: z.array(z.string()), reasons: z.array(z.object({ code: z.string(), message: z.string() })) }).nullable(),
    }),
    handler: async ({ request, params }) => flags.flagReview(deps, ctxOf(request), params.id, params.flagId),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/flags/:flagId/review',
    access: WRITE,
    summary: 'Decide a flag review: extend to a new expiry or remove, with a reason (send the flag version you read)',
    tags: ['People'],
    params: flagParams,
    body: flags.flagDecisionInput,
    response: z.object({ saved: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await flags.decideFlagReview(deps, ctxOf(request), params.id, params.flagId, body);
      return { saved: true as const };
    },
  });
}

function dateParts(body: FormBody, prefix: string): { day: string; month: string; year: string } {
  return { day: one(body, `${prefix}-day`), month: one(body, `${prefix}-month`), year: one(body, `${prefix}-year`) };
}

/** Review form errors point at the reason box of the chosen decision. */
function reviewErrors(errors: ReturnType<typeof personPageErrors>, decision: string) {
  return errors.map((e) => (e.field === 'reason' ? { ...e, field: decision === 'extend' ? 'extendReason' : 'removeReason', href: decision === 'extend' ? '#extendReason' : '#removeReason' } : e.field === 'expiresOn' ? { ...e, field: 'newExpiresOn', href: '#newExpiresOn-day' } : e));
}
