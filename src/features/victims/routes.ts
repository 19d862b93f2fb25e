import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TEAMS } from '../../domain/access/index.ts';
import { EVIDENCE_LED_DECISION_LABELS, EVIDENCE_LED_DECISIONS, NOTIFIABLE_EVENTS, REFERRAL_STATUS_LABELS, REFERRAL_STATUSES, SPECIAL_MEASURES, SPECIAL_MEASURES_NEEDS, personalStatementState } from '../../domain/victims/index.ts';
import { ConflictError, ReasonRequiredError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, type FormBody, many, one, pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import { ACCESS_REASON_HEADER } from '../people/routes.ts';
import * as service from './service.ts';

const READ = { anyOf: ['cases:read'] } as const;
const CONTACT = { anyOf: ['victims:contact'] } as const;
const EVENTS = { anyOf: service.EVENT_PERMISSIONS } as const;
const OVERDUE = { anyOf: ['victims:contact', 'allocation:triage'] } as const;

const caseParams = z.object({ id: z.uuid('Not a valid case reference') });
const victimParams = z.object({ id: z.uuid('Not a valid case reference'), personId: z.uuid('Not a valid person reference') });
const referralParams = z.object({ id: z.uuid('Not a valid case reference'), referralId: z.uuid('Not a valid referral reference') });


/**
 * A date and time from the GOV.UK date input (`at-day`, `at-month`, `at-year`) and a time
 * field (`at-time`, HH:MM) as 'YYYY-MM-DDTHH:MM' London time. All blank gives undefined.
 */
function formInstant(body: FormBody, prefix: string): string | undefined {
  const day = one(body, `${prefix}-day`).trim();
  const month = one(body, `${prefix}-month`).trim();
  const year = one(body, `${prefix}-year`).trim();
  const time = one(body, `${prefix}-time`).trim();
  if (!day && !month && !year && !time) return undefined;
  const hhmm = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}T${hhmm ? `${hhmm[1]!.padStart(2, '0')}:${hhmm[2]}` : 'xx:xx'}`;
}

/** A date from the GOV.UK date input as 'YYYY-MM-DD' (not checked here). All blank gives ''. */
function formDate(body: FormBody, prefix: string): string {
  const day = one(body, `${prefix}-day`).trim();
  const month = one(body, `${prefix}-month`).trim();
  const year = one(body, `${prefix}-year`).trim();
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function dateParts(body: FormBody, prefix: string) {
  return { day: one(body, `${prefix}-day`), month: one(body, `${prefix}-month`), year: one(body, `${prefix}-year`) };
}

/** A stored 'YYYY-MM-DD' as the date input's parts. */
function partsOf(date: string | null | undefined) {
  return date ? { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) } : { day: '', month: '', year: '' };
}

/** Page errors with each date field linked to its day box. */
function dateErrors(errors: FieldError[], dateFields: readonly string[]) {
  return pageErrors(errors).map((e) => (dateFields.includes(e.field) ? { ...e, href: `#${e.field}-day` } : e));
}

function instantParts(body: FormBody, prefix: string) {
  return { day: one(body, `${prefix}-day`), month: one(body, `${prefix}-month`), year: one(body, `${prefix}-year`), time: one(body, `${prefix}-time`) };
}

/** Page errors, with date fields linked to their first box. */
function formErrors(errors: FieldError[]) {
  return pageErrors(errors).map((e) => (e.field === 'at' ? { ...e, href: '#at-day' } : e));
}

const teamList = TEAMS.filter((t) => t.code !== 'panel');

const dateTimeOut = z.date().transform((d) => d.toISOString());

const victimOut = z.object({
  personId: z.string(),
  name: z.string(),
  entitlement: z.object({
    level: z.enum(['enhanced', 'standard']),
    derivedLevel: z.enum(['enhanced', 'standard']),
    raisedByHand: z.boolean(),
    reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  }),
  communication: z.object({
    language: z.string().nullable(),
    interpreterNeeded: z.boolean(),
    preferredMethod: z.string().nullable(),
    safeTimes: z.string().nullable(),
    safeToLeaveMessage: z.boolean().nullable(),
    otherNeeds: z.string().nullable(),
  }),
  pointOfContact: z.object({ userId: z.string(), name: z.string().nullable(), role: z.string().nullable() }).nullable(),
  handovers: z.array(z.object({ from: z.string().nullable(), to: z.string().nullable(), role: z.string().nullable(), reason: z.string().nullable(), at: dateTimeOut })),
  duties: z.array(z.object({ id: z.string(), event: z.string(), kind: z.string(), entitlement: z.string(), dueAt: dateTimeOut, open: z.boolean(), overdue: z.boolean(), doneAt: z.date().nullable().transform((d) => d?.toISOString() ?? null) })),
  contacts: z.array(
    z.object({
      id: z.string(),
      at: dateTimeOut,
      initiatedBy: z.string(),
      chasingUpdate: z.boolean(),
      method: z.string(),
      discussed: z.string(),
      safetyAdvice: z.string().nullable(),
      victimWish: z.string().nullable(),
    }),
  ),
  chases: z.number(),
  referrals: z.array(z.object({ id: z.string(), service: z.string(), serviceName: z.string(), status: z.string(), consent: z.boolean(), outcome: z.string().nullable(), version: z.number() })),
  requiredOffers: z.array(z.object({ code: z.string(), text: z.string(), met: z.boolean() })),
  safetyPacks: z.array(z.object({ id: z.string(), givenAt: dateTimeOut, givenHow: z.string(), format: z.string() })),
  withdrawal: z
    .object({
      id: z.string(),
      withdrawnOn: z.string().nullable(),
      reasons: z.string().nullable(),
      statementTaken: z.boolean(),
      statementTakenOn: z.string().nullable(),
      supportDetailsGiven: z.boolean(),
      supportDetails: z.string().nullable(),
      followUpOn: z.string().nullable(),
      followUpTaskId: z.string().nullable(),
      evidenceLedConsidered: z.boolean(),
      evidenceLedDecision: z.string().nullable(),
      evidenceLedRationale: z.string().nullable(),
      version: z.number(),
    })
    .nullable(),
  personalStatement: z.object({ state: z.string(), offeredOn: z.string().nullable(), takenOn: z.string().nullable(), updatedOn: z.string().nullable() }),
  specialMeasures: z.object({ assessedOn: z.string().nullable(), needs: z.array(z.string()), considered: z.array(z.string()), decision: z.string().nullable() }),
  courtSupportVersion: z.number(),
  version: z.number(),
});

function victimJson(v: service.VictimView): z.input<typeof victimOut> {
  return {
    personId: v.person.personId,
    name: `${v.person.forenames} ${v.person.surname}`,
    entitlement: { level: v.entitlement.level, derivedLevel: v.entitlement.derived.level, raisedByHand: v.entitlement.raisedByHand, reasons: [...v.entitlement.reasons] },
    communication: {
      language: v.profile?.language ?? null,
      interpreterNeeded: v.profile?.interpreterNeeded ?? false,
      preferredMethod: v.profile?.preferredMethod ?? null,
      safeTimes: v.profile?.safeTimes ?? null,
      safeToLeaveMessage: v.profile?.safeToLeaveMessage ?? null,
      otherNeeds: v.profile?.otherNeeds ?? null,
    },
    pointOfContact: v.profile?.contactUserId ? { userId: v.profile.contactUserId, name: v.profile.contactName, role: v.profile.contactRole } : null,
    handovers: v.handovers.map((h) => ({ from: h.fromName, to: h.toName, role: h.role, reason: h.reason, at: h.at })),
    duties: v.duties.map((d) => ({ id: d.id, event: d.event, kind: d.kind, entitlement: d.entitlement, dueAt: d.dueAt, open: d.open, overdue: d.overdue, doneAt: d.doneAt })),
    contacts: v.contacts.map((c) => ({
      id: c.id,
      at: c.at,
      initiatedBy: c.initiatedBy,
      chasingUpdate: c.chasingUpdate,
      method: c.method,
      discussed: c.discussed,
      safetyAdvice: c.safetyAdvice,
      victimWish: c.victimWish,
    })),
    chases: v.chases,
    referrals: v.referrals.map((r) => ({ id: r.id, service: r.serviceCode, serviceName: r.serviceName, status: r.status, consent: r.consent, outcome: r.outcome, version: r.version })),
    requiredOffers: v.requiredOffers.map((o) => ({ ...o })),
    safetyPacks: v.packs.map((p) => ({ id: p.id, givenAt: p.givenAt, givenHow: p.givenHow, format: p.format })),
    withdrawal: v.withdrawal
      ? {
          id: v.withdrawal.id,
          withdrawnOn: v.withdrawal.withdrawnOn,
          reasons: v.withdrawal.reasons,
          statementTaken: v.withdrawal.statementTaken,
          statementTakenOn: v.withdrawal.statementTakenOn,
          supportDetailsGiven: v.withdrawal.supportDetailsGiven,
          supportDetails: v.withdrawal.supportDetails,
          followUpOn: v.withdrawal.followUpOn,
          followUpTaskId: v.withdrawal.followUpTaskId,
          evidenceLedConsidered: v.withdrawal.evidenceLedConsidered,
          evidenceLedDecision: v.withdrawal.evidenceLedDecision,
          evidenceLedRationale: v.withdrawal.evidenceLedRationale,
          version: v.withdrawal.version,
        }
      : null,
    personalStatement: {
      state: personalStatementState(v.courtSupport),
      offeredOn: v.courtSupport?.vpsOfferedOn ?? null,
      takenOn: v.courtSupport?.vpsTakenOn ?? null,
      updatedOn: v.courtSupport?.vpsUpdatedOn ?? null,
    },
    specialMeasures: {
      assessedOn: v.courtSupport?.measuresAssessedOn ?? null,
      needs: [...(v.courtSupport?.measuresNeeds ?? [])],
      considered: [...(v.courtSupport?.measuresConsidered ?? [])],
      decision: v.courtSupport?.measuresDecision ?? null,
    },
    courtSupportVersion: v.courtSupport?.version ?? 0,
    version: v.version,
  };
}

const LABELS = {
  methods: service.METHOD_LABELS,
  initiators: { police: 'The police', victim: 'The victim', other: 'Someone else (for example an advocate)' } as Record<string, string>,
  wishes: { 'supports-prosecution': 'Supports a prosecution', 'does-not-support': 'Does not support a prosecution', undecided: 'Undecided' } as Record<string, string>,
  roles: { 'officer-in-case': 'Officer in the case', spoc: 'Single point of contact (SPOC)' } as Record<string, string>,
  referralStatuses: REFERRAL_STATUS_LABELS as Record<string, string>,
  packMethods: service.PACK_METHOD_LABELS as Record<string, string>,
  packFormats: service.PACK_FORMAT_LABELS as Record<string, string>,
  evidenceLed: EVIDENCE_LED_DECISION_LABELS as Record<string, string>,
  needs: Object.fromEntries(SPECIAL_MEASURES_NEEDS.map((n) => [n.code, n.label])) as Record<string, string>,
  measures: Object.fromEntries(SPECIAL_MEASURES.map((m) => [m.code, m.label])) as Record<string, string>,
  statementStates: { 'not-offered': 'Not offered yet', offered: 'Offered, not taken', taken: 'Taken', updated: 'Taken and updated' } as Record<string, string>,
  kinds: { 'tell-victim': 'Tell the victim', 'consult-victim-bail': 'Consult the victim on bail' } as Record<string, string>,
};

export function victimRoutes(app: FastifyInstance, deps: Deps): void {
  // ---------------------------------------------------------------------------
  // The victim care page

  const renderVictims = async (request: FastifyRequest, reply: FastifyReply, reason?: string) => {
    const { id } = parse(caseParams, request.params);
    try {
      const view = await service.viewVictims(deps, ctxOf(request), id, reason);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const actor = actorOf(request);
      return reply.render('features/victims/views/victims.njk', {
        view,
        labels: LABELS,
        done: typeof query.done === 'string' ? query.done : null,
        canContact: actor.permissions.has('victims:contact'),
        canRecordEvent: service.EVENT_PERMISSIONS.some((p) => actor.permissions.has(p)),
        restrictedReason: reason,
        referralStatuses: REFERRAL_STATUSES,
      });
    } catch (error) {
      if (error instanceof ReasonRequiredError) return reply.code(403).render('features/victims/views/reason.njk', { id });
      if (error instanceof ValidationError && reason !== undefined) return reply.code(422).render('features/victims/views/reason.njk', { id, values: { reason }, errors: pageErrors(error.errors) });
      throw error;
    }
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims',
    access: READ,
    summary: "Victim care on a case: entitlement, communication needs, named contact, updates owed, contact log, referrals and safety packs",
    handler: (request, reply) => renderVictims(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/open',
    access: READ,
    summary: 'Open victim care on a restricted case with a reason',
    handler: (request, reply) => renderVictims(request, reply, one(bodyOf(request), 'reason')),
  });

  // ---------------------------------------------------------------------------
  // Profile

  const renderProfile = async (request: FastifyRequest, reply: FastifyReply, status = 200, values?: Record<string, unknown>, errors?: ReturnType<typeof pageErrors>) => {
    const { id, personId } = parse(victimParams, request.params);
    const form = await service.victimForForm(deps, ctxOf(request), id, personId);
    const p = form.victim.profile;
    const current = values ?? {
      version: String(form.victim.version),
      raisedToEnhanced: p?.raisedToEnhanced ? 'yes' : '',
      raiseReason: p?.raiseReason ?? '',
      language: p?.language ?? '',
      interpreterNeeded: p?.interpreterNeeded ? 'yes' : '',
      preferredMethod: p?.preferredMethod ?? '',
      safeTimes: p?.safeTimes ?? '',
      safeToLeaveMessage: p?.safeToLeaveMessage === true ? 'yes' : p?.safeToLeaveMessage === false ? 'no' : 'not-asked',
      otherNeeds: p?.otherNeeds ?? '',
      contactUserId: p?.contactUserId ?? '',
      contactRole: p?.contactRole ?? '',
    };
    return reply.code(status).render('features/victims/views/profile.njk', { form, values: current, errors, labels: LABELS, methods: service.PREFERRED_METHODS });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/profile',
    access: CONTACT,
    summary: "Edit a victim's entitlement, communication needs and named contact",
    handler: (request, reply) => renderProfile(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/:personId/profile',
    access: CONTACT,
    summary: "Save a victim's profile",
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const body = bodyOf(request);
      const values = { ...body, personId };
      const parsed = service.profileInput.safeParse(values);
      try {
        if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
        await service.updateProfile(deps, ctxOf(request), id, parsed.data);
      } catch (error) {
        if (error instanceof ValidationError) return renderProfile(request, reply, 422, values, formErrors(error.errors));
        if (error instanceof ConflictError) return renderProfile(request, reply, 409, undefined, [{ text: error.message, href: '#version', field: 'version' }]);
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims?done=profile#victim-${personId}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Events

  const renderEvent = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: Record<string, unknown> = {}, errors?: ReturnType<typeof pageErrors>) => {
    const { id } = parse(caseParams, request.params);
    const form = await service.caseForEventForm(deps, ctxOf(request), id);
    // Outcomes are recorded only by finalising the case, so they are not offered here.
    return reply.code(status).render('features/victims/views/event.njk', { form, values, errors, events: NOTIFIABLE_EVENTS.filter((e) => e.code !== 'outcome') });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/events/new',
    access: EVENTS,
    summary: 'Record an event the victims must be told about',
    handler: (request, reply) => renderEvent(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/events',
    access: EVENTS,
    summary: 'Record an event: creates a "tell the victim" task for each victim',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const input = {
        event: one(body, 'event'),
        at: formInstant(body, 'at'),
        victimConsulted: one(body, 'victimConsulted'),
        bailUntil: formInstant({ 'b-day': body['bailUntil-day'], 'b-month': body['bailUntil-month'], 'b-year': body['bailUntil-year'] }, 'b')?.slice(0, 10) ?? '',
        notes: one(body, 'notes'),
      };
      const values = { ...input, at: instantParts(body, 'at'), bailUntil: { day: one(body, 'bailUntil-day'), month: one(body, 'bailUntil-month'), year: one(body, 'bailUntil-year') } };
      try {
        await service.recordEvent(deps, ctxOf(request), id, parse(service.eventInput, input));
      } catch (error) {
        if (error instanceof ValidationError) {
          return renderEvent(request, reply, 422, values, formErrors(error.errors).map((e) => (e.field === 'bailUntil' ? { ...e, href: '#bailUntil-day' } : e)));
        }
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims?done=event#duties`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Contacts

  const renderContact = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: Record<string, unknown> = {}, errors?: ReturnType<typeof pageErrors>) => {
    const { id, personId } = parse(victimParams, request.params);
    const form = await service.victimForForm(deps, ctxOf(request), id, personId);
    return reply.code(status).render('features/victims/views/contact.njk', { form, values, errors, labels: LABELS, methods: service.PREFERRED_METHODS, initiators: service.INITIATORS, wishes: service.VICTIM_WISHES });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/contacts',
    access: CONTACT,
    summary: 'Record a contact with a victim',
    handler: (request, reply) => renderContact(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/:personId/contacts',
    access: CONTACT,
    summary: 'Save a contact with a victim (telling them about an event completes its task)',
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const body = bodyOf(request);
      const input = {
        personId,
        at: formInstant(body, 'at') ?? service.localNow(deps),
        initiatedBy: one(body, 'initiatedBy'),
        chasingUpdate: one(body, 'chasingUpdate') || 'no',
        method: one(body, 'method'),
        discussed: one(body, 'discussed'),
        safetyAdvice: one(body, 'safetyAdvice'),
        victimWish: one(body, 'victimWish'),
        toldAbout: many(body, 'toldAbout'),
      };
      const values = { ...input, at: instantParts(body, 'at') };
      let recorded: service.RecordedContact;
      try {
        recorded = await service.recordContact(deps, ctxOf(request), id, parse(service.contactInput, input));
      } catch (error) {
        if (error instanceof ValidationError) return renderContact(request, reply, 422, values, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims?done=${recorded.inconsistency ? 'contact-inconsistent' : 'contact'}#victim-${personId}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Referrals

  const renderReferral = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: Record<string, unknown> = {}, errors?: ReturnType<typeof pageErrors>) => {
    const { id, personId } = parse(victimParams, request.params);
    const form = await service.victimForForm(deps, ctxOf(request), id, personId);
    return reply.code(status).render('features/victims/views/referral.njk', { form, values, errors, labels: LABELS, services: service.SUPPORT_SERVICES, statuses: REFERRAL_STATUSES });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/referrals',
    access: CONTACT,
    summary: 'Offer or make a referral to a support service',
    handler: (request, reply) => renderReferral(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/:personId/referrals',
    access: CONTACT,
    summary: 'Save a referral to a support service',
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const body = bodyOf(request);
      const input = { personId, service: one(body, 'service'), status: one(body, 'status'), consent: one(body, 'consent') || 'no', consentNote: one(body, 'consentNote'), outcome: one(body, 'outcome') };
      try {
        await service.createReferral(deps, ctxOf(request), id, parse(service.referralInput, input));
      } catch (error) {
        if (error instanceof ValidationError) return renderReferral(request, reply, 422, input, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims?done=referral#victim-${personId}`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/referrals/:referralId',
    access: CONTACT,
    summary: 'Move a referral on: made, taken up or declined',
    handler: async (request, reply) => {
      const { id, referralId } = parse(referralParams, request.params);
      const body = bodyOf(request);
      const input = { version: one(body, 'version'), status: one(body, 'status'), consent: one(body, 'consent') || 'no', consentNote: one(body, 'consentNote'), outcome: one(body, 'outcome') };
      try {
        await service.updateReferral(deps, ctxOf(request), id, referralId, parse(service.referralUpdateInput, input));
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
        const view = await service.viewVictims(deps, ctxOf(request), id);
        const actor = actorOf(request);
        const errors = error instanceof ValidationError ? error.errors.map((e) => ({ text: e.message, href: `#referral-${referralId}`, field: `referral-${referralId}` })) : [{ text: error.message, href: `#referral-${referralId}`, field: `referral-${referralId}` }];
        return reply.code(error.status).render('features/victims/views/victims.njk', {
          view,
          labels: LABELS,
          errors,
          canContact: actor.permissions.has('victims:contact'),
          canRecordEvent: service.EVENT_PERMISSIONS.some((p) => actor.permissions.has(p)),
          referralStatuses: REFERRAL_STATUSES,
        });
      }
      return reply.redirect(`/cases/${id}/victims?done=referral#referral-${referralId}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Safety information pack

  const renderPack = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: Record<string, unknown> = {}, errors?: ReturnType<typeof pageErrors>) => {
    const { id, personId } = parse(victimParams, request.params);
    const view = await service.viewSafetyPack(deps, ctxOf(request), id, personId);
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply
      .code(status)
      .render('features/victims/views/pack.njk', { view, values, errors, labels: LABELS, packMethods: service.PACK_METHODS, packFormats: service.PACK_FORMATS, done: query.done === 'given' });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/pack',
    access: CONTACT,
    summary: "A victim's safety information pack, ready to print",
    handler: (request, reply) => renderPack(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/:personId/pack',
    access: CONTACT,
    summary: 'Record that the safety information pack was given (also on the contact log)',
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const body = bodyOf(request);
      const input = { personId, how: one(body, 'how'), format: one(body, 'format'), at: formInstant(body, 'at') };
      try {
        await service.recordPackGiven(deps, ctxOf(request), id, parse(service.packGivenInput, input));
      } catch (error) {
        if (error instanceof ValidationError) return renderPack(request, reply, 422, { ...input, at: instantParts(body, 'at') }, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims/${personId}/pack?done=given`, 303);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/pack.pdf',
    access: CONTACT,
    summary: "A victim's safety information pack as a PDF (the same content as the printable page)",
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const { pdf, reference } = await service.safetyPackPdf(deps, ctxOf(request), id, personId);
      return reply
        .code(200)
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="safety-information-${reference.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });

  // ---------------------------------------------------------------------------
  // Withdrawal of support

  const WITHDRAWAL_DATES = ['withdrawnOn', 'statementTakenOn', 'followUpOn'] as const;

  const renderWithdrawal = async (request: FastifyRequest, reply: FastifyReply, status = 200, values?: Record<string, unknown>, errors?: ReturnType<typeof pageErrors>) => {
    const { id, personId } = parse(victimParams, request.params);
    const form = await service.victimForForm(deps, ctxOf(request), id, personId);
    const w = form.victim.withdrawal;
    const current = values ?? {
      version: String(w?.version ?? 0),
      withdrawnOn: partsOf(w?.withdrawnOn),
      reasons: w?.reasons ?? '',
      statementTaken: w?.statementTaken ? 'yes' : w ? 'no' : '',
      statementTakenOn: partsOf(w?.statementTakenOn),
      supportDetailsGiven: w?.supportDetailsGiven ? 'yes' : w ? 'no' : '',
      supportDetails: w?.supportDetails ?? '',
      followUpOn: partsOf(w?.followUpOn),
      evidenceLedConsidered: w?.evidenceLedConsidered ? 'yes' : w ? 'no' : '',
      evidenceLedDecision: w?.evidenceLedDecision ?? '',
      evidenceLedRationale: w?.evidenceLedRationale ?? '',
    };
    return reply.code(status).render('features/victims/views/withdrawal.njk', { form, values: current, errors, labels: LABELS, decisions: EVIDENCE_LED_DECISIONS });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/withdrawal',
    access: CONTACT,
    summary: 'Record that a victim withdrew their support for a prosecution (read by finalisation for outcome 16)',
    handler: (request, reply) => renderWithdrawal(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/:personId/withdrawal',
    access: CONTACT,
    summary: "Save a victim's withdrawal record: reasons, statement, support given, follow-up contact and the evidence-led decision",
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const body = bodyOf(request);
      const input = {
        personId,
        version: one(body, 'version'),
        withdrawnOn: formDate(body, 'withdrawnOn'),
        reasons: one(body, 'reasons'),
        statementTaken: one(body, 'statementTaken') || 'no',
        statementTakenOn: formDate(body, 'statementTakenOn'),
        supportDetailsGiven: one(body, 'supportDetailsGiven') || 'no',
        supportDetails: one(body, 'supportDetails'),
        followUpOn: formDate(body, 'followUpOn'),
        evidenceLedConsidered: one(body, 'evidenceLedConsidered') || 'no',
        evidenceLedDecision: one(body, 'evidenceLedDecision'),
        evidenceLedRationale: one(body, 'evidenceLedRationale'),
      };
      const values = { ...input, ...Object.fromEntries(WITHDRAWAL_DATES.map((f) => [f, dateParts(body, f)])) };
      try {
        await service.saveWithdrawal(deps, ctxOf(request), id, parse(service.withdrawalInput, input));
      } catch (error) {
        if (error instanceof ValidationError) return renderWithdrawal(request, reply, 422, values, dateErrors(error.errors, WITHDRAWAL_DATES));
        if (error instanceof ConflictError) return renderWithdrawal(request, reply, 409, undefined, [{ text: error.message, href: '#reasons', field: 'version' }]);
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims?done=withdrawal#withdrawal-${personId}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Victim personal statement and special measures

  const COURT_DATES = ['vpsOfferedOn', 'vpsTakenOn', 'vpsUpdatedOn', 'measuresAssessedOn'] as const;

  const renderCourt = async (request: FastifyRequest, reply: FastifyReply, status = 200, values?: Record<string, unknown>, errors?: ReturnType<typeof pageErrors>) => {
    const { id, personId } = parse(victimParams, request.params);
    const form = await service.victimForForm(deps, ctxOf(request), id, personId);
    const x = form.victim.courtSupport;
    const current = values ?? {
      version: String(x?.version ?? 0),
      vpsOfferedOn: partsOf(x?.vpsOfferedOn),
      vpsTakenOn: partsOf(x?.vpsTakenOn),
      vpsUpdatedOn: partsOf(x?.vpsUpdatedOn),
      measuresAssessedOn: partsOf(x?.measuresAssessedOn),
      measuresNeeds: [...(x?.measuresNeeds ?? [])],
      measuresConsidered: [...(x?.measuresConsidered ?? [])],
      measuresDecision: x?.measuresDecision ?? '',
    };
    return reply.code(status).render('features/victims/views/court.njk', { form, values: current, errors, labels: LABELS, needs: SPECIAL_MEASURES_NEEDS, measures: SPECIAL_MEASURES });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/victims/:personId/court',
    access: CONTACT,
    summary: "A victim's personal statement dates and special measures assessment",
    handler: (request, reply) => renderCourt(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/victims/:personId/court',
    access: CONTACT,
    summary: "Save a victim's personal statement dates and special measures assessment",
    handler: async (request, reply) => {
      const { id, personId } = parse(victimParams, request.params);
      const body = bodyOf(request);
      const input = {
        personId,
        version: one(body, 'version'),
        vpsOfferedOn: formDate(body, 'vpsOfferedOn'),
        vpsTakenOn: formDate(body, 'vpsTakenOn'),
        vpsUpdatedOn: formDate(body, 'vpsUpdatedOn'),
        measuresAssessedOn: formDate(body, 'measuresAssessedOn'),
        measuresNeeds: many(body, 'measuresNeeds'),
        measuresConsidered: many(body, 'measuresConsidered'),
        measuresDecision: one(body, 'measuresDecision'),
      };
      const values = { ...input, ...Object.fromEntries(COURT_DATES.map((f) => [f, dateParts(body, f)])) };
      try {
        await service.saveCourtSupport(deps, ctxOf(request), id, parse(service.courtSupportInput, input));
      } catch (error) {
        if (error instanceof ValidationError) return renderCourt(request, reply, 422, values, dateErrors(error.errors, COURT_DATES));
        if (error instanceof ConflictError) return renderCourt(request, reply, 409, undefined, [{ text: error.message, href: '#vpsOfferedOn-day', field: 'version' }]);
        throw error;
      }
      return reply.redirect(`/cases/${id}/victims?done=court#court-${personId}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Overdue list

  pageRoute(app, {
    method: 'GET',
    url: '/victims/overdue',
    access: OVERDUE,
    summary: "Overdue victim updates for my team (or a chosen team), the longest overdue first",
    handler: async (request, reply) => {
      const query = parse(z.object({ team: z.string().optional() }), request.query ?? {});
      const team = query.team && TEAMS.some((t) => t.code === query.team) ? query.team : undefined;
      const view = await service.overdueList(deps, ctxOf(request), team);
      const actor = actorOf(request);
      const wide = actor.permissions.has('allocation:triage') || actor.permissions.has('insights:view');
      return reply.render('features/victims/views/overdue.njk', { view, labels: LABELS, teams: wide ? teamList : teamList.filter((t) => actor.teams.includes(t.code)) });
    },
  });

  // ---------------------------------------------------------------------------
  // API

  const reasonHeader = (request: FastifyRequest) => {
    const header = request.headers[ACCESS_REASON_HEADER];
    return typeof header === 'string' ? header : undefined;
  };

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/victims',
    access: READ,
    summary: `The victims of a case: entitlement with reasons, communication needs, named contact and handovers, updates owed, contact log with chases, referrals and safety packs. Restricted cases need a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['Victims'],
    params: caseParams,
    response: z.object({
      caseId: z.string(),
      reference: z.string(),
      chases: z.number(),
      outcome: z.object({ code: z.number(), title: z.string(), inconsistentWithVictimWishes: z.boolean(), reason: z.string().nullable() }).nullable(),
      events: z.array(z.object({ id: z.string(), event: z.string(), at: dateTimeOut, victimConsulted: z.boolean().nullable(), bailUntil: z.string().nullable(), outcomeCode: z.number().nullable() })),
      victims: z.array(victimOut),
    }),
    handler: async ({ request, params }) => {
      const view = await service.viewVictims(deps, ctxOf(request), params.id, reasonHeader(request));
      return {
        caseId: view.case.id,
        reference: view.case.reference,
        chases: view.chases,
        outcome: view.outcome ? { code: view.outcome.outcomeCode, title: view.outcome.title, inconsistentWithVictimWishes: view.outcome.inconsistentAt !== null, reason: view.outcome.inconsistencyReason } : null,
        events: view.events.map((e) => ({ id: e.id, event: e.event, at: e.occurredAt, victimConsulted: e.victimConsulted, bailUntil: e.bailUntil, outcomeCode: e.outcomeCode })),
        victims: view.victims.map(victimJson),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/profile',
    access: CONTACT,
    summary: "Save a victim's profile: raise the entitlement to enhanced (with a reason), communication needs, named contact (a change records a handover)",
    tags: ['Victims'],
    params: caseParams,
    body: service.profileInput,
    response: z.object({ entitlement: z.enum(['enhanced', 'standard']), raisedByHand: z.boolean(), version: z.number() }),
    handler: async ({ request, params, body }) => {
      const saved = await service.updateProfile(deps, ctxOf(request), params.id, body);
      return { entitlement: saved.entitlement.level, raisedByHand: saved.entitlement.raisedByHand, version: saved.version };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/events',
    access: EVENTS,
    summary: 'Record an event the victims must be told about (arrest, charge, bail and so on). Creates a "tell the victim" task per victim, due within 1 working day (enhanced) or 5 (standard); bail also asks for the victim to be consulted. The outcome is refused here: it is recorded by finalising the case (POST /api/v1/cases/{id}/finalisation), which tells the victims.',
    tags: ['Victims'],
    params: caseParams,
    body: service.eventInput,
    successStatus: 201,
    response: z.object({
      eventId: z.string(),
      duties: z.array(z.object({ dutyId: z.string(), taskId: z.string(), personId: z.string(), kind: z.string(), entitlement: z.string(), dueAt: dateTimeOut, title: z.string() })),
      prompts: z.array(z.string()),
    }),
    handler: async ({ request, params, body }) => service.recordEvent(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/contacts',
    access: CONTACT,
    summary: 'Record a contact with a victim. toldAbout lists the duty ids the contact satisfies (their tasks are completed). A victim wish of supports-prosecution on a case finalised as outcome 14 or 16 flags the case and creates a "reopen or justify" task.',
    tags: ['Victims'],
    params: caseParams,
    body: service.contactInput,
    successStatus: 201,
    response: z.object({ contactId: z.string(), completedDuties: z.array(z.string()), chases: z.number(), inconsistency: z.object({ reason: z.string(), taskId: z.string() }).nullable() }),
    handler: async ({ request, params, body }) => service.recordContact(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/referrals',
    access: CONTACT,
    summary: 'Record a referral offered, declined or made to a support service. Victim Support for a domestic abuse victim needs consent: true.',
    tags: ['Victims'],
    params: caseParams,
    body: service.referralInput,
    successStatus: 201,
    response: z.object({ referralId: z.string() }),
    handler: async ({ request, params, body }) => service.createReferral(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/referrals/:referralId',
    access: CONTACT,
    summary: 'Move a referral on (made, taken up, declined) with the version you read',
    tags: ['Victims'],
    params: referralParams,
    body: service.referralUpdateInput,
    response: z.object({ updated: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await service.updateReferral(deps, ctxOf(request), params.id, params.referralId, body);
      return { updated: true as const };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/safety-packs',
    access: CONTACT,
    summary: 'Record that the safety information pack was given to a victim (also added to the contact log)',
    tags: ['Victims'],
    params: caseParams,
    body: service.packGivenInput,
    successStatus: 201,
    response: z.object({ packId: z.string(), contactId: z.string() }),
    handler: async ({ request, params, body }) => service.recordPackGiven(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/withdrawal',
    access: CONTACT,
    summary:
      "Save a victim's withdrawal of support: reasons, statement of reasons (taken, date), support details given, follow-up contact date (creates a task), evidence-led prosecution considered with the decision. Send the version read (0 for a new record). Finalisation with outcome 16 reads this record.",
    tags: ['Victims'],
    params: caseParams,
    body: service.withdrawalInput,
    response: z.object({ withdrawalId: z.string(), version: z.number(), followUpTaskId: z.string().nullable() }),
    handler: async ({ request, params, body }) => service.saveWithdrawal(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/victims/court-support',
    access: CONTACT,
    summary: "Save a victim's personal statement dates (offered, taken, updated) and special measures assessment (needs, measures considered, date, decision). Send the version read (0 for a new record).",
    tags: ['Victims'],
    params: caseParams,
    body: service.courtSupportInput,
    response: z.object({ id: z.string(), version: z.number() }),
    handler: async ({ request, params, body }) => service.saveCourtSupport(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/victims/overdue',
    access: OVERDUE,
    summary: 'Overdue victim updates for my teams (or team=code), the longest overdue first',
    tags: ['Victims'],
    query: z.object({ team: z.string().optional() }),
    response: z.object({
      teams: z.array(z.string()),
      duties: z.array(
        z.object({ dutyId: z.string(), taskId: z.string(), caseId: z.string(), caseReference: z.string(), event: z.string(), kind: z.string(), entitlement: z.string(), dueAt: dateTimeOut, ownerTeam: z.string().nullable(), chases: z.number() }),
      ),
    }),
    handler: async ({ request, query }) => {
      const view = await service.overdueList(deps, ctxOf(request), query.team);
      return { teams: view.teams, duties: view.duties };
    },
  });
}
