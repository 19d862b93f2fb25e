import { createVigil } from './app.ts';
import { systemClock } from './domain/clock.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DatabaseUnavailableError, migrateToLatest, openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import type { Deps } from './platform/deps.ts';
import { seedDemoCasework } from './demo/reports.ts';
import { DEFAULT_DEMO_PASSWORD, ensureTeams, isDemoSeeded, markDemoSeeded, seedDemo } from './demo/seed.ts';

function progressLine(step: string, done: number, total: number): void {
  const width = 24;
  const filled = Math.round((done / total) * width);
  const line = `  ${step.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
  else if (done === total) console.log(line);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
  console.log(`Vigil: opening ${where}`);
  const handle: DatabaseHandle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, poolWaitSeconds: config.databasePoolWaitSeconds });
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length ? `Vigil: applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Vigil: database schema is up to date');
  await ensureTeams(handle.db);

  const deps: Deps = { db: handle.db, dbKind: handle.kind, clock: systemClock, config };
  if (config.demo && !(await isDemoSeeded(handle.db))) {
    const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
    console.log('Vigil: loading demo data (first start)');
    await seedDemo(handle.db, { password, seed: config.demoSeed, progress: progressLine });
    await seedDemoCasework(deps, config.demoSeed, progressLine);
    await markDemoSeeded(handle.db, deps.clock.now());
    console.log(`Vigil: demo users are named after their role (for example call-handler, detective-sergeant, administrator).`);
    console.log(`Vigil: demo password: ${config.demoPassword ? '(the value of VIGIL_DEMO_PASSWORD)' : password}`);
  }

  const app = await createVigil(deps, { logger: true });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received: finishing requests in flight`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Vigil is running at http://localhost:${config.port}`);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseUnavailableError || error instanceof ConfigError) {
    console.error(`Vigil cannot start: ${error.message}`);
  } else {
    console.error('Vigil cannot start:', error);
  }
  process.exit(1);
});
