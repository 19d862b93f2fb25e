import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TEAMS } from '../../domain/access/index.ts';
import { behaviours, channels, relationships } from '../../domain/classification/index.ts';
import { APPLICANT_LABELS, APPLICATION_KIND_LABELS, NOTIFICATION_LABELS, ORDER_TYPES, RENEWAL_EVIDENCE } from '../../domain/orders/index.ts';
import { ConflictError, ForbiddenError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, type FormBody, one, pageErrors, unflatten } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import * as service from './service.ts';

const READ = { anyOf: ['cases:read'] } as const;
const READ_ORDERS = { anyOf: ['cases:read', 'orders:manage', 'orders:authorise'] } as const;
const MANAGE = { anyOf: ['orders:manage'] } as const;
const REFER = { anyOf: ['cases:write'] } as const;
const STAGES = { anyOf: ['orders:manage', 'orders:authorise'] } as const;
const REVIEW = { anyOf: ['orders:manage', 'risk:endorse'] } as const;
const BREACH = { anyOf: ['orders:manage', 'reports:create'] } as const;
const DUE = { anyOf: ['orders:manage', 'orders:authorise'] } as const;

const caseParams = z.object({ id: z.uuid('Not a valid case reference') });
const orderParams = z.object({ orderId: z.uuid('Not a valid order reference') });
const spoParams = z.object({ spoId: z.uuid('Not a valid SPO application reference') });
const applicationParams = z.object({ applicationId: z.uuid('Not a valid application reference') });
const notificationParams = z.object({ orderId: z.uuid('Not a valid order reference'), notificationId: z.uuid('Not a valid notification reference') });
const dueQuery = z.object({ team: z.enum(TEAMS.map((t) => t.code) as [string, ...string[]], 'Choose a team from the list').optional().or(z.literal('').transform(() => undefined)) });

type Errors = ReturnType<typeof pageErrors>;

/** Date fields use the GOV.UK date input: `<name>-day`, `-month`, `-year`. */
const DATE_FIELDS = ['madeOn', 'expiresOn', 'servedOn', 'movedInOn', 'referredOn', 'stageOn', 'hearingOn', 'visitedOn', 'triggerOn', 'receivedOn', 'reviewedOn', 'movedOn', 'occurredOn', 'appliedOn', 'newExpiresOn'];

/** Turns the date inputs into 'YYYY-MM-DD' (blank when all three are blank) and keeps everything else as posted. */
function formValues(body: FormBody): FormBody {
  const values: FormBody = {};
  for (const [key, value] of Object.entries(body)) if (key !== '_csrf' && !/-(day|month|year)$/.test(key)) values[key] = value;
  for (const field of DATE_FIELDS) {
    const day = one(body, `${field}-day`).trim();
    const month = one(body, `${field}-month`).trim();
    const year = one(body, `${field}-year`).trim();
    if (!(`${field}-day` in body)) continue;
    values[field] = day || month || year ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : '';
    values[`${field}Parts`] = { day, month, year };
  }
  return values;
}

function formErrors(errors: FieldError[]): Errors {
  return pageErrors(errors).map((e) => (DATE_FIELDS.includes(e.field) ? { ...e, href: `#${e.field}-day` } : e));
}

function parseForm<T extends z.ZodType>(schema: T, values: FormBody): z.infer<T> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
}

const OPTIONS = {
  orderTypes: ORDER_TYPES,
  channels,
  behaviours,
  relationships,
  notificationKinds: Object.entries(NOTIFICATION_LABELS).map(([code, label]) => ({ code, label })),
  applicationKinds: Object.entries(APPLICATION_KIND_LABELS).map(([code, label]) => ({ code, label })),
  applicants: Object.entries(APPLICANT_LABELS).map(([code, label]) => ({ code, label })),
  renewalEvidence: RENEWAL_EVIDENCE,
};

export function orderRoutes(app: FastifyInstance, deps: Deps): void {
  // ---------------------------------------------------------------------------
  // Orders on a case

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/orders',
    access: READ,
    summary: 'Orders involving the people on a case, and its SPO applications',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const view = await service.ordersForCase(deps, ctxOf(request), id);
      return reply.render('features/orders/views/case-orders.njk', { view });
    },
  });

  const renderRegister = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: Errors) => {
    const { id } = parse(caseParams, request.params);
    const view = await service.ordersForCase(deps, ctxOf(request), id);
    return reply.code(status).render('features/orders/views/order-form.njk', { view, values, errors, options: OPTIONS });
  };

  pageRoute(app, { method: 'GET', url: '/cases/:id/orders/new', access: MANAGE, summary: 'Register an order against a suspect on a case', handler: (request, reply) => renderRegister(request, reply) });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/orders',
    access: MANAGE,
    summary: 'Save an order in the register',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const values = { ...formValues(bodyOf(request)), caseId: id };
      let created: { id: string };
      try {
        created = await service.createOrder(deps, ctxOf(request), parseForm(service.orderInput, values));
      } catch (error) {
        if (error instanceof ValidationError) return renderRegister(request, reply, 422, values, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/orders/${created.id}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // SPO referral and stages

  const renderReferral = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: Errors) => {
    const { id } = parse(caseParams, request.params);
    const view = await service.ordersForCase(deps, ctxOf(request), id);
    return reply.code(status).render('features/orders/views/referral.njk', { view, values, errors });
  };

  pageRoute(app, { method: 'GET', url: '/cases/:id/orders/spo/new', access: REFER, summary: 'Refer a Stalking Protection Order to the SCU (SPOR1)', handler: (request, reply) => renderReferral(request, reply) });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/orders/spo',
    access: REFER,
    summary: 'Save an SPO referral',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const values = formValues(bodyOf(request));
      let created: { id: string };
      try {
        created = await service.referSpo(deps, ctxOf(request), id, parseForm(service.referralInput, values));
      } catch (error) {
        if (error instanceof ValidationError) return renderReferral(request, reply, 422, values, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/orders/spo/${created.id}`, 303);
    },
  });

  const renderSpo = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: Errors) => {
    const { spoId } = parse(spoParams, request.params);
    const view = await service.viewSpo(deps, ctxOf(request), spoId);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const chosen = typeof values.stage === 'string' ? values.stage : typeof query.stage === 'string' ? query.stage : null;
    return reply.code(status).render('features/orders/views/spo.njk', { view, values, errors, chosen, done: typeof query.done === 'string' ? query.done : null });
  };

  pageRoute(app, { method: 'GET', url: '/orders/spo/:spoId', access: READ_ORDERS, summary: 'An SPO application: every stage, dated and owned, and the next stage', handler: (request, reply) => renderSpo(request, reply) });

  pageRoute(app, {
    method: 'POST',
    url: '/orders/spo/:spoId/stages',
    access: STAGES,
    summary: 'Record the next stage of an SPO application (authority needs the authorising superintendent)',
    handler: async (request, reply) => {
      const { spoId } = parse(spoParams, request.params);
      const values = formValues(bodyOf(request));
      const permission = service.permissionForStage(values.stage);
      if (permission && !actorOf(request).permissions.has(permission)) throw new ForbiddenError();
      let result: service.StageResult;
      try {
        result = await service.recordStage(deps, ctxOf(request), spoId, parseForm(service.stageInput, values));
      } catch (error) {
        if (error instanceof ValidationError) return renderSpo(request, reply, 422, values, formErrors(error.errors));
        if (error instanceof ConflictError) return renderSpo(request, reply, 409, {}, [{ text: error.message, href: '#next-stage', field: 'version' }]);
        throw error;
      }
      return reply.redirect(result.orderId ? `/orders/${result.orderId}?done=granted` : `/orders/spo/${spoId}?done=${result.stage}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Orders due

  pageRoute(app, {
    method: 'GET',
    url: '/orders/due',
    access: DUE,
    summary: 'Orders due: visits, notifications, allocations, reviews and renewals due or overdue, by team',
    handler: async (request, reply) => {
      const { team } = parse(dueQuery, request.query);
      const view = await service.ordersDue(deps, ctxOf(request), team);
      return reply.render('features/orders/views/due.njk', { view, teams: TEAMS.filter((t) => t.code !== 'panel') });
    },
  });

  // ---------------------------------------------------------------------------
  // One order

  const renderOrder = async (request: FastifyRequest, reply: FastifyReply, status = 200, form: string | null = null, values: FormBody = {}, errors?: Errors) => {
    const { orderId } = parse(orderParams, request.params);
    const view = await service.viewOrder(deps, ctxOf(request), orderId);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const actor = actorOf(request);
    return reply.code(status).render('features/orders/views/order.njk', {
      view,
      form,
      values,
      errors,
      options: OPTIONS,
      done: typeof query.done === 'string' ? query.done : null,
      canManage: actor.permissions.has('orders:manage'),
      canReview: actor.permissions.has('orders:manage') || actor.permissions.has('risk:endorse'),
      canBreach: actor.permissions.has('orders:manage') || actor.permissions.has('reports:create'),
    });
  };

  pageRoute(app, { method: 'GET', url: '/orders/:orderId', access: READ_ORDERS, summary: 'An order: terms, offender management, notifications, visits, reviews and breaches', handler: (request, reply) => renderOrder(request, reply) });

  const orderForm = <T extends z.ZodType>(url: string, access: { anyOf: readonly ('orders:manage' | 'risk:endorse')[] }, summary: string, form: string, schema: T, work: (request: FastifyRequest, input: z.infer<T>) => Promise<unknown>, done: string) =>
    pageRoute(app, {
      method: 'POST',
      url,
      access,
      summary,
      handler: async (request, reply) => {
        const { orderId } = parse(orderParams, request.params);
        const values = formValues(bodyOf(request));
        try {
          await work(request, parseForm(schema, values));
        } catch (error) {
          if (error instanceof ValidationError) return renderOrder(request, reply, 422, form, values, formErrors(error.errors));
          if (error instanceof ConflictError) return renderOrder(request, reply, 409, form, values, [{ text: error.message, href: `#${form}`, field: 'version' }]);
          throw error;
        }
        return reply.redirect(`/orders/${orderId}?done=${done}`, 303);
      },
    });

  const orderIdOf = (request: FastifyRequest) => parse(orderParams, request.params).orderId;
  orderForm('/orders/:orderId/manager', MANAGE, 'Allocate the offender manager', 'manager', service.managerInput, (r, input) => service.allocateManager(deps, ctxOf(r), orderIdOf(r), input), 'manager');
  orderForm('/orders/:orderId/visits', MANAGE, 'Record a visit to the subject (schedules the next by the plan)', 'visit', service.visitInput, (r, input) => service.recordVisit(deps, ctxOf(r), orderIdOf(r), input), 'visit');
  orderForm('/orders/:orderId/notifications', MANAGE, 'Record that a notification requirement is due (service, change of name or address)', 'notification', service.notificationDueInput, (r, input) => service.notificationRequired(deps, ctxOf(r), orderIdOf(r), input), 'notification');
  orderForm('/orders/:orderId/plan', MANAGE, 'Save the subject management plan', 'plan', service.planInput, (r, input) => service.savePlan(deps, ctxOf(r), orderIdOf(r), input), 'plan');
  orderForm('/orders/:orderId/reviews', REVIEW, 'Record a supervisor review of the management plan', 'review', service.reviewInput, (r, input) => service.recordReview(deps, ctxOf(r), orderIdOf(r), input), 'review');
  orderForm('/orders/:orderId/move-out', MANAGE, 'The subject moves out of the force area: transfer pack and notify the receiving force', 'move-out', service.moveOutInput, (r, input) => service.moveOut(deps, ctxOf(r), orderIdOf(r), input), 'move-out');

  pageRoute(app, {
    method: 'POST',
    url: '/orders/:orderId/notifications/:notificationId/received',
    access: MANAGE,
    summary: 'Record that the subject notified in person',
    handler: async (request, reply) => {
      const { orderId, notificationId } = parse(notificationParams, request.params);
      const values = formValues(bodyOf(request));
      try {
        await service.notificationReceived(deps, ctxOf(request), orderId, notificationId, parseForm(service.notificationReceivedInput, values));
      } catch (error) {
        if (error instanceof ValidationError) return renderOrder(request, reply, 422, `received-${notificationId}`, values, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/orders/${orderId}?done=notified`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Applications to renew, vary or discharge an order

  const renderApplicationForm = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: Errors) => {
    const { orderId } = parse(orderParams, request.params);
    const view = await service.viewOrder(deps, ctxOf(request), orderId);
    return reply.code(status).render('features/orders/views/application-form.njk', { view, values, errors, options: OPTIONS });
  };

  pageRoute(app, { method: 'GET', url: '/orders/:orderId/applications/new', access: MANAGE, summary: 'Record an application to renew, vary or discharge an order', handler: (request, reply) => renderApplicationForm(request, reply) });

  pageRoute(app, {
    method: 'POST',
    url: '/orders/:orderId/applications',
    access: MANAGE,
    summary: 'Save an application to renew, vary or discharge an order (by the police or the subject)',
    handler: async (request, reply) => {
      const { orderId } = parse(orderParams, request.params);
      const values = formValues(bodyOf(request));
      let created: { id: string };
      try {
        created = await service.createApplication(deps, ctxOf(request), orderId, parseForm(service.applicationInput, unflatten(values)));
      } catch (error) {
        if (error instanceof ValidationError) return renderApplicationForm(request, reply, 422, values, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/orders/applications/${created.id}?done=applied`, 303);
    },
  });

  const renderApplication = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: Errors) => {
    const { applicationId } = parse(applicationParams, request.params);
    const view = await service.viewApplication(deps, ctxOf(request), applicationId);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const chosen = typeof values.stage === 'string' ? values.stage : typeof query.stage === 'string' ? query.stage : null;
    return reply.code(status).render('features/orders/views/application.njk', { view, values, errors, chosen, done: typeof query.done === 'string' ? query.done : null });
  };

  pageRoute(app, { method: 'GET', url: '/orders/applications/:applicationId', access: READ_ORDERS, summary: 'An application to renew, vary or discharge an order: every stage, dated and owned, and the next stage', handler: (request, reply) => renderApplication(request, reply) });

  pageRoute(app, {
    method: 'POST',
    url: '/orders/applications/:applicationId/stages',
    access: STAGES,
    summary: 'Record the next stage of an application to renew, vary or discharge an order (the decision needs the authorising superintendent)',
    handler: async (request, reply) => {
      const { applicationId } = parse(applicationParams, request.params);
      const values = formValues(bodyOf(request));
      const permission = service.permissionForApplicationStage(values.stage);
      if (permission && !actorOf(request).permissions.has(permission)) throw new ForbiddenError();
      let result: service.ApplicationStageResult;
      try {
        result = await service.recordApplicationStage(deps, ctxOf(request), applicationId, parseForm(service.applicationStageInput, values));
      } catch (error) {
        if (error instanceof ValidationError) return renderApplication(request, reply, 422, values, formErrors(error.errors));
        if (error instanceof ConflictError) return renderApplication(request, reply, 409, {}, [{ text: error.message, href: '#next-stage', field: 'version' }]);
        throw error;
      }
      return reply.redirect(result.stage === 'granted' ? `/orders/${result.orderId}?done=application-granted#applications` : `/orders/applications/${applicationId}?done=${result.stage}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Breaches

  const renderBreach = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: Errors) => {
    const { orderId } = parse(orderParams, request.params);
    const view = await service.viewOrder(deps, ctxOf(request), orderId);
    return reply.code(status).render('features/orders/views/breach.njk', { view, values, errors, options: OPTIONS });
  };

  pageRoute(app, { method: 'GET', url: '/orders/:orderId/breaches/new', access: BREACH, summary: 'Record a breach of an order', handler: (request, reply) => renderBreach(request, reply) });

  pageRoute(app, {
    method: 'POST',
    url: '/orders/:orderId/breaches',
    access: BREACH,
    summary: 'Save a breach: a breach report, urgent arrest, risk reassessment and victim tasks, and the course of conduct prompt from the second breach',
    handler: async (request, reply) => {
      const { orderId } = parse(orderParams, request.params);
      const values = formValues(bodyOf(request));
      let result: service.BreachResult;
      try {
        result = await service.recordBreach(deps, ctxOf(request), orderId, parseForm(service.breachInput, values));
      } catch (error) {
        if (error instanceof ValidationError) return renderBreach(request, reply, 422, values, formErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/orders/${orderId}?done=breach-${result.breachNumber}#breaches`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // API

  const tags = ['Orders'];

  apiRoute(app, { method: 'POST', url: '/api/v1/orders', access: MANAGE, summary: 'Register an order of any type', tags, body: service.orderInput, successStatus: 201, handler: async ({ body, request }) => service.createOrder(deps, ctxOf(request), body) });
  apiRoute(app, { method: 'GET', url: '/api/v1/orders/due', access: DUE, summary: 'What is due or overdue on orders, by team', tags, query: dueQuery, handler: async ({ query, request }) => service.ordersDue(deps, ctxOf(request), query.team) });
  apiRoute(app, { method: 'GET', url: '/api/v1/orders/:orderId', access: READ_ORDERS, summary: 'An order with its management record', tags, params: orderParams, handler: async ({ params, request }) => service.viewOrder(deps, ctxOf(request), params.orderId) });
  apiRoute(app, { method: 'GET', url: '/api/v1/cases/:id/orders', access: READ, summary: 'Orders involving the people on a case, and its SPO applications', tags, params: caseParams, handler: async ({ params, request }) => service.ordersForCase(deps, ctxOf(request), params.id) });
  apiRoute(app, { method: 'POST', url: '/api/v1/cases/:id/spo-applications', access: REFER, summary: 'Refer an SPO to the SCU (SPOR1)', tags, params: caseParams, body: service.referralInput, successStatus: 201, handler: async ({ params, body, request }) => service.referSpo(deps, ctxOf(request), params.id, body) });
  apiRoute(app, { method: 'GET', url: '/api/v1/spo-applications/:spoId', access: READ_ORDERS, summary: 'An SPO application with every stage', tags, params: spoParams, handler: async ({ params, request }) => service.viewSpo(deps, ctxOf(request), params.spoId) });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/spo-applications/:spoId/stages',
    access: STAGES,
    summary: 'Record the next stage of an SPO application; authorising needs orders:authorise',
    tags,
    params: spoParams,
    body: service.stageInput,
    successStatus: 201,
    handler: async ({ params, body, request }) => service.recordStage(deps, ctxOf(request), params.spoId, body),
  });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/manager', access: MANAGE, summary: 'Allocate the offender manager', tags, params: orderParams, body: service.managerInput, handler: async ({ params, body, request }) => (await service.allocateManager(deps, ctxOf(request), params.orderId, body), { ok: true }) });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/visits', access: MANAGE, summary: 'Record a visit; the next is scheduled by the plan', tags, params: orderParams, body: service.visitInput, successStatus: 201, handler: async ({ params, body, request }) => service.recordVisit(deps, ctxOf(request), params.orderId, body) });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/notifications', access: MANAGE, summary: 'A notification requirement falls due (service, change of name or address)', tags, params: orderParams, body: service.notificationDueInput, successStatus: 201, handler: async ({ params, body, request }) => service.notificationRequired(deps, ctxOf(request), params.orderId, body) });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/orders/:orderId/notifications/:notificationId/received',
    access: MANAGE,
    summary: 'The subject notified in person',
    tags,
    params: notificationParams,
    body: service.notificationReceivedInput,
    handler: async ({ params, body, request }) => service.notificationReceived(deps, ctxOf(request), params.orderId, params.notificationId, body),
  });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/plan', access: MANAGE, summary: 'Save the subject management plan', tags, params: orderParams, body: service.planInput, handler: async ({ params, body, request }) => (await service.savePlan(deps, ctxOf(request), params.orderId, body), { ok: true }) });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/reviews', access: REVIEW, summary: 'A supervisor review of the management plan', tags, params: orderParams, body: service.reviewInput, successStatus: 201, handler: async ({ params, body, request }) => service.recordReview(deps, ctxOf(request), params.orderId, body) });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/moves-out', access: MANAGE, summary: 'The subject moves out: transfer pack and a task to notify the receiving force', tags, params: orderParams, body: service.moveOutInput, successStatus: 201, handler: async ({ params, body, request }) => service.moveOut(deps, ctxOf(request), params.orderId, body) });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/orders/:orderId/applications',
    access: MANAGE,
    summary: 'Record an application to renew, vary or discharge an order (by the police or the subject)',
    tags,
    params: orderParams,
    body: service.applicationInput,
    successStatus: 201,
    handler: async ({ params, body, request }) => service.createApplication(deps, ctxOf(request), params.orderId, body),
  });
  apiRoute(app, { method: 'GET', url: '/api/v1/order-applications/:applicationId', access: READ_ORDERS, summary: 'An application to renew, vary or discharge an order, with every stage', tags, params: applicationParams, handler: async ({ params, request }) => service.viewApplication(deps, ctxOf(request), params.applicationId) });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/order-applications/:applicationId/stages',
    access: STAGES,
    summary: 'Record the next stage of an application to renew, vary or discharge an order; the decision needs orders:authorise',
    tags,
    params: applicationParams,
    body: service.applicationStageInput,
    successStatus: 201,
    handler: async ({ params, body, request }) => service.recordApplicationStage(deps, ctxOf(request), params.applicationId, body),
  });
  apiRoute(app, { method: 'POST', url: '/api/v1/orders/:orderId/breaches', access: BREACH, summary: 'Record a breach of an order', tags, params: orderParams, body: service.breachInput, successStatus: 201, handler: async ({ params, body, request }) => service.recordBreach(deps, ctxOf(request), params.orderId, body) });
}
