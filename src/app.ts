import type { FastifyInstance } from 'fastify';
import type { Deps } from './platform/deps.ts';
import { buildApp, type Feature } from './platform/http/app.ts';
import { adminRoutes } from './features/admin/routes.ts';
import { openApiRoutes } from './features/api/openapi.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { authRoutes } from './features/auth/routes.ts';
import { homeRoutes } from './features/home/routes.ts';
import { peopleRoutes } from './features/people/routes.ts';
import { personMergeRoutes } from './features/people/merge-routes.ts';
import { taskRoutes } from './features/tasks/routes.ts';
import { intakeRoutes } from './features/intake/routes.ts';
import { caseRoutes } from './features/cases/routes.ts';
import { conductRoutes } from './features/conduct/routes.ts';
import { riskRoutes } from './features/risk/routes.ts';
import { victimRoutes } from './features/victims/routes.ts';
import { investigationRoutes } from './features/investigation/routes.ts';
import { oversightRoutes } from './features/oversight/routes.ts';
import { insightsRoutes } from './features/insights/routes.ts';
import { orderRoutes } from './features/orders/routes.ts';
import { retentionRoutes } from './features/retention/routes.ts';

/** Every capability, registered in one place. */
export const FEATURES: Feature[] = [
  authRoutes,
  homeRoutes,
  adminRoutes,
  peopleRoutes,
  personMergeRoutes,
  taskRoutes,
  intakeRoutes,
  caseRoutes,
  conductRoutes,
  riskRoutes,
  victimRoutes,
  investigationRoutes,
  oversightRoutes,
  insightsRoutes,
  orderRoutes,
  retentionRoutes,
  auditRoutes,
  openApiRoutes,
];

export function createVigil(deps: Deps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  return buildApp(deps, { features: FEATURES, logger: options.logger ?? false });
}
