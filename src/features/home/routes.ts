import type { FastifyInstance } from 'fastify';
import { navigationFor } from '../../domain/access/navigation.ts';
import { databaseIsHealthy } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { actorOf, pageRoute } from '../../platform/http/routes.ts';

export function homeRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/',
    access: 'signed-in',
    summary: 'Home: what this user can do',
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const links = navigationFor(actor.permissions).filter((item) => item.href !== '/');
      return reply.render('features/home/views/home.njk', { links });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/accessibility',
    access: 'public',
    summary: 'Accessibility statement',
    handler: async (_request, reply) => reply.render('features/home/views/accessibility.njk'),
  });

  app.vigilRoutes.push({ method: 'GET', url: '/health', kind: 'api', access: 'public', summary: 'Service and database status' });
  app.get('/health', async (_request, reply) => {
    const ok = await databaseIsHealthy(deps.db);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable', database: { kind: deps.dbKind, status: ok ? 'ok' : 'unreachable' } });
  });
}
