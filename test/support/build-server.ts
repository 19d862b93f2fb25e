import { buildServer } from '../../scripts/build.ts';

/** Vitest global setup: build dist/main.js once before any test starts a server. */
export default async function setup(): Promise<void> {
  await buildServer();
}
