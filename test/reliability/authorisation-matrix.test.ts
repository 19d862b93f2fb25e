/**
 * The authorisation matrix: every page and API route registered in app.vigilRoutes,
 * against every demo role and an anonymous caller, checked over real HTTP against the
 * table below. The table is written out by hand, not derived from the code: a route
 * whose declared access changes, or a new route without an entry, fails this file.
 *
 * Then direct object references: putting a restricted person's id into any person URL
 * never shows that person to a user who is not named on the record.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsFor, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../src/domain/access/roles.ts';
import type { Access, RouteRecord } from '../../src/platform/http/routes.ts';
import { apiToken, csrfFrom, encodeForm, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';

type Expected = 'public' | 'signed-in' | readonly Role[];

const ALL_ROLES: readonly Role[] = ROLES.map((r) => r.code);
/** Everyone who works cases and may open person records (not the panel, not administrators). */
const CASEWORKERS: readonly Role[] = ALL_ROLES.filter((r) => r !== 'scrutiny-panel-member' && r !== 'administrator');
const ADMINISTRATORS: readonly Role[] = ['administrator'];
const AUDIT_VIEWERS: readonly Role[] = ['detective-sergeant', 'force-lead', 'auditor', 'administrator'];
/** The roles whose role holds any of these permissions, from the role table (src/domain/access/roles.ts). */
function holders(...permissions: Permission[]): readonly Role[] {
  return ALL_ROLES.filter((role) => permissions.some((p) => ROLE_PERMISSIONS[role].includes(p)));
}

/** "METHOD url" → who may call it. Add an entry here for every new route. */
const EXPECTED: Record<string, Expected> = {
  // Sign-in and public pages
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'signed-in',
  'GET /signed-out': 'public',
  'GET /sign-in/oidc': 'public',
  'GET /sign-in/oidc/callback': 'public',
  'GET /account': 'signed-in',
  'POST /account/sign-out-everywhere': 'signed-in',
  'GET /': 'signed-in',
  'GET /accessibility': 'public',
  'GET /health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/v1/auth/token': 'public',
  // Administration
  'GET /admin/users': ADMINISTRATORS,
  'GET /admin/users/new': ADMINISTRATORS,
  'POST /admin/users': ADMINISTRATORS,
  'GET /admin/users/:id': ADMINISTRATORS,
  'POST /admin/users/:id': ADMINISTRATORS,
  'POST /admin/users/:id/reset-password': ADMINISTRATORS,
  'POST /admin/users/:id/deactivate': ADMINISTRATORS,
  'POST /admin/users/:id/reactivate': ADMINISTRATORS,
  'POST /admin/users/:id/sign-out-everywhere': ADMINISTRATORS,
  'POST /admin/users/:id/service-token': ADMINISTRATORS,
  'GET /api/v1/users': ADMINISTRATORS,
  'POST /api/v1/users': ADMINISTRATORS,
  'GET /api/v1/users/:id': ADMINISTRATORS,
  'PUT /api/v1/users/:id': ADMINISTRATORS,
  'POST /api/v1/users/:id/deactivate': ADMINISTRATORS,
  'POST /api/v1/users/:id/reset-password': ADMINISTRATORS,
  'POST /api/v1/users/:id/sign-out-everywhere': ADMINISTRATORS,
  'POST /api/v1/users/:id/service-tokens': ADMINISTRATORS,
  // People
  'GET /people': CASEWORKERS,
  'GET /people/:id': CASEWORKERS,
  'POST /people/:id/open': CASEWORKERS,
  'GET /api/v1/people/:id': CASEWORKERS,
  // Tasks
  'GET /tasks': CASEWORKERS,
  'GET /tasks/team': CASEWORKERS,
  'POST /tasks/:id/complete': CASEWORKERS,
  'GET /api/v1/tasks': CASEWORKERS,
  'POST /api/v1/tasks/:id/complete': CASEWORKERS,
  // Audit
  'GET /audit': AUDIT_VIEWERS,
  'GET /audit/:type/:id': AUDIT_VIEWERS,
  'GET /api/v1/audit/:type/:id': AUDIT_VIEWERS,
  // Casework: reports, cases, conduct, risk, victims and people records (by the permission each needs)
  'GET /people/search': holders('people:read'),
  'POST /people/search': holders('people:read'),
  'GET /people/new': holders('people:write'),
  'POST /people/new': holders('people:write'),
  'GET /people/:id/edit': holders('people:write'),
  'POST /people/:id/edit': holders('people:write'),
  'GET /people/:id/history': holders('people:read'),
  'GET /people/duplicates': holders('people:merge'),
  'GET /people/:id/merge/:otherId': holders('people:merge'),
  'POST /people/:id/merge/:otherId': holders('people:merge'),
  'GET /people/:id/merges': holders('people:read'),
  'POST /people/merges/:mergeId/split': holders('people:merge'),
  'GET /api/v1/people/duplicates': holders('people:merge'),
  'POST /api/v1/people/:id/merge': holders('people:merge'),
  'POST /api/v1/people/merges/:mergeId/split': holders('people:merge'),
  'GET /people/:id/flags/new': holders('people:write'),
  'POST /people/:id/flags': holders('people:write'),
  'GET /people/:id/flags/:flagId/review': holders('people:read'),
  'POST /people/:id/flags/:flagId/review': holders('people:write'),
  'POST /api/v1/people': holders('people:write'),
  'PUT /api/v1/people/:id': holders('people:write'),
  'POST /api/v1/people/match': holders('people:read'),
  'GET /api/v1/people/:id/history': holders('people:read'),
  'POST /api/v1/people/:id/flags': holders('people:write'),
  'GET /api/v1/people/:id/flags/:flagId/review': holders('people:read'),
  'POST /api/v1/people/:id/flags/:flagId/review': holders('people:write'),
  'GET /reports': holders('reports:read'),
  'POST /reports/new': holders('reports:create'),
  'GET /reports/:id/caller': holders('reports:create'),
  'POST /reports/:id/caller': holders('reports:create'),
  'GET /reports/:id/people': holders('reports:create'),
  'POST /reports/:id/people': holders('reports:create'),
  'GET /reports/:id/conduct': holders('reports:create'),
  'POST /reports/:id/conduct': holders('reports:create'),
  'GET /reports/:id/effects': holders('reports:create'),
  'POST /reports/:id/effects': holders('reports:create'),
  'GET /reports/:id/response': holders('reports:create'),
  'POST /reports/:id/response': holders('reports:create'),
  'GET /reports/:id/check': holders('reports:create'),
  'POST /reports/:id/submit': holders('reports:create'),
  'GET /reports/:id': holders('reports:read'),
  'GET /reports/:id/crime-decision': holders('crime:decide'),
  'POST /reports/:id/crime-decision': holders('crime:decide'),
  'POST /api/v1/reports': holders('reports:create'),
  'GET /api/v1/reports/:id': holders('reports:read'),
  'POST /api/v1/reports/:id/crime-decision': holders('crime:decide'),
  'GET /cases/:id': holders('cases:read'),
  'POST /cases/:id/open': holders('cases:read'),
  'POST /cases/:id/classification': holders('cases:write'),
  'POST /cases/:id/classification/:classificationId': holders('classification:confirm'),
  'GET /registrar': holders('registrar:audit'),
  'POST /registrar/:id': holders('registrar:audit'),
  'GET /api/v1/cases/:id': holders('cases:read'),
  'POST /api/v1/cases/:id/classifications': holders('cases:write'),
  'POST /api/v1/cases/:id/classifications/:classificationId/decision': holders('classification:confirm'),
  'GET /cases/:id/timeline': holders('cases:read'),
  'POST /cases/:id/timeline': holders('cases:read'),
  'GET /cases/:id/summary': holders('cases:read'),
  'POST /cases/:id/summary': holders('cases:write'),
  'GET /api/v1/cases/:id/summary': holders('cases:read'),
  'PUT /api/v1/cases/:id/summary': holders('cases:write'),
  'GET /cases/:id/links': holders('cases:read'),
  'POST /cases/:id/links/link': holders('cases:write'),
  'POST /cases/:id/links/unlink': holders('cases:write'),
  'POST /cases/:id/links/merge': holders('cases:write'),
  'POST /cases/:id/links/split': holders('cases:write'),
  'GET /cases/:id/occasions/batch': holders('cases:write'),
  'POST /cases/:id/occasions/batch': holders('cases:write'),
  'GET /api/v1/cases/:id/timeline': holders('cases:read'),
  'GET /api/v1/cases/:id/links': holders('cases:read'),
  'POST /api/v1/cases/:id/links': holders('cases:write'),
  'POST /api/v1/cases/:id/links/unlink': holders('cases:write'),
  'POST /api/v1/cases/:id/merge': holders('cases:write'),
  'POST /api/v1/cases/:id/split': holders('cases:write'),
  'POST /api/v1/cases/:id/occasions': holders('cases:write'),
  'POST /api/v1/cases/:id/occasions/batch': holders('cases:write'),
  'POST /api/v1/cases/:id/police-actions': holders('investigation:manage'),
  'GET /cases/:id/risk': holders('cases:read'),
  'POST /cases/:id/risk/open': holders('cases:read'),
  'GET /cases/:id/risk/assessments/new': holders('risk:assess'),
  'POST /cases/:id/risk/assessments/new/open': holders('risk:assess'),
  'POST /cases/:id/risk/assessments': holders('risk:assess'),
  'GET /cases/:id/risk/assessments/:assessmentId': holders('cases:read'),
  'POST /cases/:id/risk/assessments/:assessmentId/open': holders('cases:read'),
  'POST /cases/:id/risk/assessments/:assessmentId/endorse': holders('risk:endorse'),
  'POST /cases/:id/risk/exceptions': holders('risk:assess'),
  'GET /cases/:id/risk/plan': holders('cases:read'),
  'POST /cases/:id/risk/plan/open': holders('cases:read'),
  'POST /cases/:id/risk/plan': holders('risk:assess'),
  'POST /cases/:id/risk/advice': holders('risk:assess'),
  'GET /admin/risk-tools': holders('admin:policy'),
  'POST /admin/risk-tools': holders('admin:policy'),
  'GET /api/v1/cases/:id/risk': holders('cases:read'),
  'POST /api/v1/cases/:id/risk/assessments': holders('risk:assess'),
  'GET /api/v1/cases/:id/risk/assessments/:assessmentId': holders('cases:read'),
  'POST /api/v1/cases/:id/risk/assessments/:assessmentId/endorse': holders('risk:endorse'),
  'PUT /api/v1/cases/:id/risk/plan': holders('risk:assess'),
  'POST /api/v1/cases/:id/risk/advice': holders('risk:assess'),
  'POST /api/v1/cases/:id/risk/exceptions': holders('risk:assess'),
  'GET /api/v1/risk/tools': holders('cases:read', 'admin:policy'),
  'POST /api/v1/risk/tools': holders('admin:policy'),
  'GET /admin/risk-settings': holders('admin:policy'),
  'POST /admin/risk-settings/bands': holders('admin:policy'),
  'POST /admin/risk-settings/plan-review': holders('admin:policy'),
  'GET /api/v1/risk/settings': holders('admin:policy'),
  'PUT /api/v1/risk/settings/bands': holders('admin:policy'),
  'PUT /api/v1/risk/settings/plan-review': holders('admin:policy'),
  'GET /api/v1/cases/:id/risk/plans/:victimPersonId': holders('cases:read'),
  'PUT /api/v1/cases/:id/risk/plans/:victimPersonId': holders('risk:assess'),
  'GET /cases/:id/victims': holders('cases:read'),
  'POST /cases/:id/victims/open': holders('cases:read'),
  'GET /cases/:id/victims/:personId/profile': holders('victims:contact'),
  'POST /cases/:id/victims/:personId/profile': holders('victims:contact'),
  'GET /cases/:id/victims/events/new': holders('victims:contact', 'investigation:manage', 'orders:manage'),
  'POST /cases/:id/victims/events': holders('victims:contact', 'investigation:manage', 'orders:manage'),
  'GET /cases/:id/victims/:personId/contacts': holders('victims:contact'),
  'POST /cases/:id/victims/:personId/contacts': holders('victims:contact'),
  'GET /cases/:id/victims/:personId/referrals': holders('victims:contact'),
  'POST /cases/:id/victims/:personId/referrals': holders('victims:contact'),
  'POST /cases/:id/victims/referrals/:referralId': holders('victims:contact'),
  'GET /cases/:id/victims/:personId/pack': holders('victims:contact'),
  'POST /cases/:id/victims/:personId/pack': holders('victims:contact'),
  'GET /cases/:id/victims/:personId/pack.pdf': holders('victims:contact'),
  'GET /cases/:id/victims/:personId/withdrawal': holders('victims:contact'),
  'POST /cases/:id/victims/:personId/withdrawal': holders('victims:contact'),
  'GET /cases/:id/victims/:personId/court': holders('victims:contact'),
  'POST /cases/:id/victims/:personId/court': holders('victims:contact'),
  'GET /victims/overdue': holders('victims:contact', 'allocation:triage'),
  'GET /api/v1/cases/:id/victims': holders('cases:read'),
  'POST /api/v1/cases/:id/victims/profile': holders('victims:contact'),
  'POST /api/v1/cases/:id/victims/events': holders('victims:contact', 'investigation:manage', 'orders:manage'),
  'POST /api/v1/cases/:id/victims/contacts': holders('victims:contact'),
  'POST /api/v1/cases/:id/victims/referrals': holders('victims:contact'),
  'POST /api/v1/cases/:id/victims/referrals/:referralId': holders('victims:contact'),
  'POST /api/v1/cases/:id/victims/safety-packs': holders('victims:contact'),
  'POST /api/v1/cases/:id/victims/withdrawal': holders('victims:contact'),
  'POST /api/v1/cases/:id/victims/court-support': holders('victims:contact'),
  'GET /api/v1/victims/overdue': holders('victims:contact', 'allocation:triage'),
  // Investigation: allocation, plan, s2B, suspect actions, log, supervision, finalisation, prosecution file
  'GET /cases/:id/investigation': holders('cases:read'),
  'POST /cases/:id/investigation/open': holders('cases:read'),
  'GET /cases/:id/allocation': holders('cases:read'),
  'POST /cases/:id/allocation': holders('allocation:triage'),
  'POST /cases/:id/investigation/plan': holders('investigation:manage'),
  'POST /cases/:id/investigation/enquiries/:taskId': holders('investigation:manage'),
  'POST /cases/:id/investigation/s2b': holders('investigation:manage'),
  'POST /cases/:id/investigation/suspect-actions': holders('investigation:manage'),
  'POST /cases/:id/investigation/log': holders('investigation:manage', 'allocation:triage', 'cases:write'),
  'GET /cases/:id/finalisation': holders('cases:read'),
  'POST /cases/:id/finalisation': holders('outcome:finalise'),
  'POST /cases/:id/finalisation/reopen': holders('outcome:finalise'),
  'GET /cases/:id/prosecution-file': holders('cases:read'),
  'POST /cases/:id/prosecution-file': holders('investigation:manage'),
  'GET /investigation/reviews': holders('allocation:triage'),
  'GET /api/v1/cases/:id/investigation': holders('cases:read'),
  'POST /api/v1/cases/:id/allocation': holders('allocation:triage'),
  'POST /api/v1/cases/:id/investigation/plan': holders('investigation:manage'),
  'POST /api/v1/cases/:id/investigation/enquiries/:taskId': holders('investigation:manage'),
  'POST /api/v1/cases/:id/investigation/s2b': holders('investigation:manage'),
  'POST /api/v1/cases/:id/suspect-actions': holders('investigation:manage'),
  'POST /api/v1/cases/:id/investigation/log': holders('investigation:manage', 'allocation:triage', 'cases:write'),
  'POST /api/v1/cases/:id/finalisation': holders('outcome:finalise'),
  'POST /api/v1/cases/:id/finalisation/reopen': holders('outcome:finalise'),
  'PUT /api/v1/cases/:id/prosecution-file': holders('investigation:manage'),
  'GET /api/v1/investigation/reviews/overdue': holders('allocation:triage'),
  // Oversight: samples, the panel workspace (redacted), reports and the recommendations register
  'GET /oversight': holders('oversight:manage'),
  'GET /oversight/samples/new': holders('oversight:manage'),
  'POST /oversight/samples': holders('oversight:manage'),
  'GET /oversight/samples/:sampleId': holders('oversight:manage'),
  'POST /oversight/samples/:sampleId/observations/:observationId/response': holders('oversight:manage'),
  'GET /oversight/recommendations': holders('oversight:manage'),
  'GET /oversight/recommendations/new': holders('oversight:manage'),
  'POST /oversight/recommendations': holders('oversight:manage'),
  'GET /oversight/recommendations/:recommendationId': holders('oversight:manage'),
  'POST /oversight/recommendations/:recommendationId/status': holders('oversight:manage'),
  'POST /oversight/recommendations/:recommendationId/actions': holders('oversight:manage'),
  'GET /panel': holders('panel:review'),
  'GET /panel/samples/:sampleId': holders('panel:review'),
  'POST /panel/samples/:sampleId/observations': holders('panel:review'),
  'GET /panel/samples/:sampleId/cases/:sampleCaseId': holders('panel:review'),
  'POST /panel/samples/:sampleId/cases/:sampleCaseId/review': holders('panel:review'),
  'GET /panel/samples/:sampleId/report': holders('panel:review', 'oversight:manage'),
  'GET /api/v1/oversight/samples': holders('oversight:manage'),
  'POST /api/v1/oversight/samples': holders('oversight:manage'),
  'GET /api/v1/oversight/samples/:sampleId': holders('oversight:manage'),
  'GET /api/v1/panel/samples/:sampleId': holders('panel:review'),
  'GET /api/v1/panel/samples/:sampleId/cases/:sampleCaseId': holders('panel:review'),
  'PUT /api/v1/panel/samples/:sampleId/cases/:sampleCaseId/review': holders('panel:review'),
  'POST /api/v1/panel/samples/:sampleId/observations': holders('panel:review'),
  'GET /api/v1/oversight/samples/:sampleId/report': holders('panel:review', 'oversight:manage'),
  'POST /api/v1/oversight/samples/:sampleId/observations/:observationId/response': holders('oversight:manage'),
  'GET /api/v1/oversight/recommendations': holders('oversight:manage'),
  'POST /api/v1/oversight/recommendations': holders('oversight:manage'),
  'GET /api/v1/oversight/recommendations/:recommendationId': holders('oversight:manage'),
  'POST /api/v1/oversight/recommendations/:recommendationId/transitions': holders('oversight:manage'),
  'POST /api/v1/oversight/recommendations/:recommendationId/actions': holders('oversight:manage'),
  // Insights
  'GET /insights': holders('insights:view'),
  'GET /insights/trends': holders('insights:view'),
  'GET /insights/cases': holders('insights:view'),
  'GET /insights/daily': holders('insights:view'),
  'GET /insights/profile': holders('insights:view'),
  'GET /insights/criteria': holders('insights:view'),
  'GET /insights/export': holders('insights:view'),
  'GET /api/v1/insights/dashboard': holders('insights:view'),
  'GET /api/v1/insights/trends': holders('insights:view'),
  'GET /api/v1/insights/cases': holders('insights:view'),
  'GET /api/v1/insights/daily': holders('insights:view'),
  'GET /api/v1/insights/profile': holders('insights:view'),
  'GET /api/v1/insights/criteria': holders('insights:view'),
  // Orders: the register, the SPO process (each stage checks its own permission in the service), management and breaches
  'GET /cases/:id/orders': holders('cases:read'),
  'GET /cases/:id/orders/new': holders('orders:manage'),
  'POST /cases/:id/orders': holders('orders:manage'),
  'GET /cases/:id/orders/spo/new': holders('cases:write'),
  'POST /cases/:id/orders/spo': holders('cases:write'),
  'GET /orders/spo/:spoId': holders('cases:read', 'orders:manage', 'orders:authorise'),
  'POST /orders/spo/:spoId/stages': holders('orders:manage', 'orders:authorise'),
  'GET /orders/due': holders('orders:manage', 'orders:authorise'),
  'GET /orders/:orderId': holders('cases:read', 'orders:manage', 'orders:authorise'),
  'POST /orders/:orderId/manager': holders('orders:manage'),
  'POST /orders/:orderId/visits': holders('orders:manage'),
  'POST /orders/:orderId/notifications': holders('orders:manage'),
  'POST /orders/:orderId/plan': holders('orders:manage'),
  'POST /orders/:orderId/reviews': holders('orders:manage', 'risk:endorse'),
  'POST /orders/:orderId/move-out': holders('orders:manage'),
  'POST /orders/:orderId/notifications/:notificationId/received': holders('orders:manage'),
  'GET /orders/:orderId/breaches/new': holders('orders:manage', 'reports:create'),
  'POST /orders/:orderId/breaches': holders('orders:manage', 'reports:create'),
  'POST /api/v1/orders': holders('orders:manage'),
  'GET /api/v1/orders/due': holders('orders:manage', 'orders:authorise'),
  'GET /api/v1/orders/:orderId': holders('cases:read', 'orders:manage', 'orders:authorise'),
  'GET /api/v1/cases/:id/orders': holders('cases:read'),
  'POST /api/v1/cases/:id/spo-applications': holders('cases:write'),
  'GET /api/v1/spo-applications/:spoId': holders('cases:read', 'orders:manage', 'orders:authorise'),
  'POST /api/v1/spo-applications/:spoId/stages': holders('orders:manage', 'orders:authorise'),
  'POST /api/v1/orders/:orderId/manager': holders('orders:manage'),
  'POST /api/v1/orders/:orderId/visits': holders('orders:manage'),
  'POST /api/v1/orders/:orderId/notifications': holders('orders:manage'),
  'POST /api/v1/orders/:orderId/notifications/:notificationId/received': holders('orders:manage'),
  'POST /api/v1/orders/:orderId/plan': holders('orders:manage'),
  'POST /api/v1/orders/:orderId/reviews': holders('orders:manage', 'risk:endorse'),
  'POST /api/v1/orders/:orderId/moves-out': holders('orders:manage'),
  'POST /api/v1/orders/:orderId/breaches': holders('orders:manage', 'reports:create'),
  'GET /orders/:orderId/applications/new': holders('orders:manage'),
  'POST /orders/:orderId/applications': holders('orders:manage'),
  'GET /orders/applications/:applicationId': holders('cases:read', 'orders:manage', 'orders:authorise'),
  'POST /orders/applications/:applicationId/stages': holders('orders:manage', 'orders:authorise'),
  'POST /api/v1/orders/:orderId/applications': holders('orders:manage'),
  'GET /api/v1/order-applications/:applicationId': holders('cases:read', 'orders:manage', 'orders:authorise'),
  'POST /api/v1/order-applications/:applicationId/stages': holders('orders:manage', 'orders:authorise'),
  // Retention (MoPI reviews)
  'GET /retention': holders('retention:review'),
  'GET /retention/cases/:id': holders('retention:review'),
  'POST /retention/cases/:id': holders('retention:review'),
  'GET /api/v1/retention/queue': holders('retention:review'),
  'POST /api/v1/cases/:id/retention-decisions': holders('retention:review'),
};

/** A submitted report, so report and case URLs have a real record behind them. */
const matrixReport = {
  callerCapacity: 'victim',
  relationship: 'ex-intimate-partner',
  victim: { forenames: 'Matrix', surname: 'Victim' },
  suspectKnown: 'yes',
  suspect: { forenames: 'Matrix', surname: 'Suspect' },
  account: 'Repeated messages and waiting outside work.',
  occasions: [
    { date: '2026-11-10', channels: ['text'], behaviours: ['contacting'] },
    { date: '2026-11-12', channels: ['in-person'], behaviours: ['loitering'] },
  ],
  effects: [],
  indicators: [],
  thrive: { threat: 'medium', harm: 'medium', risk: 'medium' },
  response: 'priority',
  responseRationale: 'Attend today.',
  evidenceAdvice: 'Keep every message.',
};

/** Calls that end the caller's own session get a fresh one for each role. */
const ENDS_SESSION = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere']);
/** Calls that end every session of the caller: the role's shared browser is signed in again afterwards. */
const ENDS_ALL_SESSIONS = new Set(['POST /account/sign-out-everywhere']);

const keyOf = (route: Pick<RouteRecord, 'method' | 'url'>) => `${route.method} ${route.url}`;

function allowedRoles(expected: Expected): readonly Role[] {
  return expected === 'public' || expected === 'signed-in' ? ALL_ROLES : expected;
}

function declaredRoles(access: Access): Role[] {
  if (access === 'public' || access === 'signed-in') return [...ALL_ROLES];
  return ALL_ROLES.filter((role) => access.anyOf.some((p) => permissionsFor([role]).has(p)));
}

let vigil: TestVigil;
const browsers = new Map<Role, Browser>();
const tokens = new Map<Role, string>();
let ids: { user: string; person: string; restricted: string; task: string; report: string; case: string; victim: string };
/** A well-formed id for records the matrix does not create: the handler answers 404, past the access gate. */
const ABSENT = '00000000-0000-4000-8000-0000000000ab';
let restrictedDetails: string[];

beforeAll(async () => {
  vigil = await startTestVigil();
  for (const role of ALL_ROLES) {
    browsers.set(role, await signInAs(vigil.app, role));
    tokens.set(role, await apiToken(vigil.app, role));
  }
  const db = vigil.deps.db;
  const admin = tokens.get('administrator')!;
  const created = await vigil.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { authorization: `Bearer ${admin}` },
    payload: { username: 'matrix-target', displayName: 'Matrix target', roles: ['call-handler'], teams: ['response'] },
  });
  expect(created.statusCode).toBe(201);
  const submitted = await vigil.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { authorization: `Bearer ${tokens.get('call-handler')!}` },
    payload: matrixReport,
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const { reportId, caseId } = submitted.json() as { reportId: string; caseId: string };
  const victim = await db.selectFrom('case_victims').select('person_id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const person = await db.selectFrom('people').select('id').where('restricted', '=', false).executeTakeFirstOrThrow();
  const restricted = await db.selectFrom('people').selectAll().where('restricted', '=', true).executeTakeFirstOrThrow();
  const task = await sql<{ id: string }>`select id from tasks limit 1`.execute(db).catch(() => ({ rows: [] as Array<{ id: string }> }));
  ids = {
    user: (created.json() as { user: { id: string } }).user.id,
    person: person.id,
    restricted: restricted.id,
    // Demo data may hold no tasks yet: a well-formed id still reaches the handler, which answers 404 or 422.
    task: task.rows[0]?.id ?? '00000000-0000-4000-8000-000000007a5c',
    report: reportId,
    case: caseId,
    victim: victim.person_id,
  };
  restrictedDetails = [restricted.forenames, restricted.surname, String(restricted.date_of_birth)];
}, 120_000);
afterAll(async () => vigil?.close());

/** A real URL for a route pattern: a real user, task or (unrestricted) person, by the collection the id follows. */
function concreteUrl(pattern: string, personId = ids.person): string {
  const url = pattern
    .replace('/:type/', '/person/')
    .replace(/\/([\w-]+)\/:id/g, (_match, collection: string) => {
      const id = { users: ids.user, people: personId, person: personId, tasks: ids.task, reports: ids.report, cases: ids.case, registrar: ABSENT }[collection];
      if (!id) throw new Error(`No example id for ${collection} in ${pattern}: extend concreteUrl`);
      return `/${collection}/${id}`;
    })
    .replace('/victims/:personId', `/victims/${ids.victim}`)
    .replace(/:victimPersonId/g, ids.victim)
    .replace(/:(assessmentId|classificationId|flagId|referralId)/g, ABSENT)
    .replace(/:taskId/g, ABSENT)
    .replace(/:(otherId|mergeId)/g, ABSENT)
    .replace(/:(sampleId|sampleCaseId|observationId|recommendationId)/g, ABSENT)
    .replace(/:(orderId|spoId|notificationId|applicationId)/g, ABSENT);
  if (url.includes('/:')) throw new Error(`No example value for a parameter of ${pattern}: extend concreteUrl`);
  return url;
}

/** An anonymous page client holding only the pre-sign-in cookie, so its form posts pass the CSRF check and meet the access check. */
async function anonymousBrowser(): Promise<{ get(url: string): Promise<LightMyRequestResponse>; post(url: string): Promise<LightMyRequestResponse> }> {
  const page = await vigil.app.inject({ method: 'GET', url: '/sign-in' });
  const cookie = `vigil_signin=${page.cookies.find((c) => c.name === 'vigil_signin')!.value}`;
  const csrf = csrfFrom(page.body);
  return {
    get: (url) => vigil.app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url) =>
      vigil.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: encodeForm({ _csrf: csrf }) }),
  };
}

async function call(route: RouteRecord, role: Role | 'anonymous'): Promise<LightMyRequestResponse> {
  const url = concreteUrl(route.url);
  const key = keyOf(route);
  const isApi = route.kind === 'api' || route.url.startsWith('/api/');
  if (isApi) {
    const headers: Record<string, string> = role === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(role)!}` };
    const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
    return vigil.app.inject({ method: route.method, url, headers, ...(hasBody ? { payload: {} } : {}) });
  }
  const browser = role === 'anonymous' ? await anonymousBrowser() : ENDS_SESSION.has(key) ? await signInAs(vigil.app, role) : browsers.get(role)!;
  const response = await (route.method === 'GET' ? browser.get(url) : browser.post(url));
  if (role !== 'anonymous' && ENDS_ALL_SESSIONS.has(key)) browsers.set(role, await signInAs(vigil.app, role));
  return response;
}

function outcome(response: LightMyRequestResponse): 'allowed' | 'forbidden' | 'unauthenticated' | `unexpected ${number}` {
  const s = response.statusCode;
  // 404 (a record the matrix did not create), 409 and 422 come from the handler: the caller got past the access gate.
  if ((s >= 200 && s < 400 && response.headers.location !== '/sign-in') || s === 404 || s === 409 || s === 422) return 'allowed';
  if (s === 403) return 'forbidden';
  if (s === 401 || ((s === 302 || s === 303) && response.headers.location === '/sign-in')) return 'unauthenticated';
  return `unexpected ${s}`;
}

describe('authorisation matrix', () => {
  it('every registered route has an entry in the table, and every entry is a registered route', () => {
    const registered = vigil.app.vigilRoutes.map(keyOf);
    const missing = registered.filter((key) => !(key in EXPECTED));
    expect(missing, 'routes without an entry in EXPECTED (test/reliability/authorisation-matrix.test.ts): add who may call them').toEqual([]);
    const stale = Object.keys(EXPECTED).filter((key) => !registered.includes(key));
    expect(stale, 'entries in EXPECTED for routes that no longer exist').toEqual([]);
    expect(new Set(registered).size, 'a route registered twice').toBe(registered.length);
  });

  it('the access each route declares grants exactly the roles in the table', () => {
    const differences: string[] = [];
    for (const route of vigil.app.vigilRoutes) {
      const expected = EXPECTED[keyOf(route)];
      if (expected === undefined) continue;
      if (typeof expected === 'string' ? route.access !== expected : typeof route.access === 'string') {
        differences.push(`${keyOf(route)}: declared ${JSON.stringify(route.access)}, expected ${JSON.stringify(expected)}`);
        continue;
      }
      const declared = declaredRoles(route.access).sort();
      if (declared.join() !== [...allowedRoles(expected)].sort().join()) {
        differences.push(`${keyOf(route)}: declared access lets in ${declared.join(', ')}; expected ${[...allowedRoles(expected)].sort().join(', ')}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it.each(Object.keys(EXPECTED))('%s: allowed roles get through, every other role gets 403 and anonymous callers 401', async (key) => {
    const route = vigil.app.vigilRoutes.find((r) => keyOf(r) === key);
    expect(route, `${key} is not registered`).toBeDefined();
    const expected = EXPECTED[key]!;
    const allowed = new Set(allowedRoles(expected));
    const wrong: string[] = [];
    for (const role of ALL_ROLES) {
      const response = await call(route!, role);
      const want = allowed.has(role) ? 'allowed' : 'forbidden';
      const got = outcome(response);
      if (got !== want) wrong.push(`${role}: expected ${want}, got ${got} (${response.statusCode})`);
    }
    const anonymous = outcome(await call(route!, 'anonymous'));
    const wantAnonymous = expected === 'public' ? 'allowed' : 'unauthenticated';
    if (anonymous !== wantAnonymous) wrong.push(`anonymous: expected ${wantAnonymous}, got ${anonymous}`);
    expect(wrong).toEqual([]);
  });
});

describe('direct object references to a restricted person', () => {
  const NAMED: readonly Role[] = ['detective-sergeant', 'auditor'];
  const REASON = 'Matrix check of restricted access rules';

  function revealsNothing(response: LightMyRequestResponse): string[] {
    return restrictedDetails.filter((detail) => response.body.includes(detail));
  }

  it.each(ALL_ROLES.filter((r) => !NAMED.includes(r)))('%s, not named on the record, learns nothing from any person URL carrying its id', async (role) => {
    const browser = browsers.get(role)!;
    const token = tokens.get(role)!;
    const attempts: Array<[string, LightMyRequestResponse]> = [
      ['page', await browser.get(concreteUrl('/people/:id', ids.restricted))],
      ['page with reason', await browser.post(concreteUrl('/people/:id/open', ids.restricted), { reason: REASON })],
      ['list', await browser.get('/people')],
      [
        'API with reason',
        await vigil.app.inject({
          method: 'GET',
          url: concreteUrl('/api/v1/people/:id', ids.restricted),
          headers: { authorization: `Bearer ${token}`, 'vigil-access-reason': REASON },
        }),
      ],
    ];
    if (AUDIT_VIEWERS.includes(role)) {
      attempts.push(['audit trail page', await browser.get(concreteUrl('/audit/:type/:id', ids.restricted))]);
      attempts.push([
        'audit trail API',
        await vigil.app.inject({ method: 'GET', url: concreteUrl('/api/v1/audit/:type/:id', ids.restricted), headers: { authorization: `Bearer ${token}` } }),
      ]);
    }
    for (const [what, response] of attempts) {
      expect(revealsNothing(response), `${what} revealed the restricted person`).toEqual([]);
      if (!what.startsWith('list') && !what.startsWith('audit')) expect(response.statusCode, what).toBe(403);
    }
    // The same URLs with an unrestricted person's id do work for case workers: the denial is about the record.
    if (CASEWORKERS.includes(role)) {
      expect((await browser.get(concreteUrl('/people/:id'))).statusCode).toBe(200);
      expect(attempts[0]![1].body).toContain('This record is restricted');
    }
  });

  it.each(NAMED)('%s, named on the record, opens it only with a reason (the control for the denials above)', async (role) => {
    const browser = browsers.get(role)!;
    const withoutReason = await browser.get(concreteUrl('/people/:id', ids.restricted));
    expect(withoutReason.statusCode).toBe(403);
    expect(revealsNothing(withoutReason)).toEqual([]);
    const opened = await browser.post(concreteUrl('/people/:id/open', ids.restricted), { reason: REASON });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(restrictedDetails[0]);
    const api = await vigil.app.inject({
      method: 'GET',
      url: concreteUrl('/api/v1/people/:id', ids.restricted),
      headers: { authorization: `Bearer ${tokens.get(role)!}`, 'vigil-access-reason': REASON },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ id: ids.restricted, forenames: restrictedDetails[0] });
  });

  it('ids that do not exist or are malformed give 404 and 422, never a 500 or another record', async () => {
    const browser = browsers.get('investigator')!;
    const token = tokens.get('investigator')!;
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await browser.get(`/people/${missing}`)).statusCode).toBe(404);
    const api = await vigil.app.inject({ method: 'GET', url: `/api/v1/people/${missing}`, headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(404);
    for (const bad of ['1', "1'%20or%20'1'='1", '..%2F..%2Fadmin', `${ids.restricted}x`]) {
      const page = await browser.get(`/people/${bad}`);
      expect(page.statusCode, bad).toBe(422);
      expect(revealsNothing(page)).toEqual([]);
      const json = await vigil.app.inject({ method: 'GET', url: `/api/v1/people/${bad}`, headers: { authorization: `Bearer ${token}` } });
      expect(json.statusCode, bad).toBe(422);
      expect(json.json()).toMatchObject({ status: 422, errors: [{ field: 'params.id' }] });
    }
    const adminToken = tokens.get('administrator')!;
    const noUser = await vigil.app.inject({ method: 'GET', url: `/api/v1/users/${missing}`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(noUser.statusCode).toBe(404);
  });
});
