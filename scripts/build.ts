/**
 * Builds the server: src/main.ts and everything it imports, as one ES module in
 * dist/main.js (packages stay in node_modules). `npm start` runs this first, then the
 * bundle with plain Node: compiling TypeScript while serving cost about 80 MB of memory
 * for the life of the process (docs/decisions/0001-run-a-built-bundle.md).
 *
 *   npm run build
 */
import { realpathSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist/main.js');

/**
 * How `npm start` runs the bundle. The heap limit (VIGIL_HEAP_MB, 256 by default) stops V8
 * growing its heap lazily to gigabytes on a large machine: the live set under 50 clients
 * stays under 200 MB. Keep in step with the "start" script in package.json.
 */
export const SERVER_NODE_ARGS = [`--max-old-space-size=${process.env.VIGIL_HEAP_MB || 256}`, SERVER_BUNDLE];

/** Writes the bundle (to a temporary name first, so a server starting meanwhile never reads half a file). */
export async function buildServer(): Promise<void> {
  const temporary = `${SERVER_BUNDLE}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(ROOT, 'src/main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    legalComments: 'none',
  });
  await rename(temporary, SERVER_BUNDLE);
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const began = Date.now();
  await buildServer();
  console.log(`Vigil: built ${path.relative(ROOT, SERVER_BUNDLE)} in ${Date.now() - began} ms`);
}
