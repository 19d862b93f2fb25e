import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../paths.ts';

const root = projectRoot;

export interface Asset {
  body: string | Buffer;
  type: string;
}

/**
 * Vigil's stylesheet: GOV.UK Frontend compiled with a system font (the GOV.UK
 * typeface is reserved for GOV.UK), MoJ Frontend, then Vigil's own rules.
 */
async function buildStylesheet(): Promise<string> {
  const own = await readFile(path.join(root, 'public/vigil.css'), 'utf8');
  const versions = await Promise.all(
    ['node_modules/govuk-frontend/package.json', 'node_modules/@ministryofjustice/frontend/package.json'].map((f) =>
      readFile(path.join(root, f), 'utf8'),
    ),
  );
  const key = createHash('sha256').update(own).update(versions.join('')).digest('hex').slice(0, 16);
  const cacheDir = path.join(root, 'node_modules/.cache/vigil');
  const cached = path.join(cacheDir, `vigil-${key}.css`);
  try {
    return await readFile(cached, 'utf8');
  } catch {
    // Not built yet for these sources.
  }
  // The compiler is loaded only when the cache misses (after an upgrade): it would hold
  // about 50 MB for the life of the process.
  const sass = await import('sass');
  const govuk = sass.compileString(
    '@use "govuk-frontend/dist/govuk/base" with ($govuk-font-family: (arial, sans-serif));\n@use "govuk-frontend/dist/govuk";',
    { loadPaths: [path.join(root, 'node_modules')], style: 'compressed', quietDeps: true, logger: sass.Logger.silent },
  ).css;
  const moj = (await readFile(path.join(root, 'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.css'), 'utf8'))
    .replaceAll('"GDS Transport",', '')
    .replaceAll('GDS Transport,', '');
  const css = `${govuk}\n${moj}\n${own}`;
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  await writeFile(temporary, css);
  await rename(temporary, cached);
  return css;
}

const FILES: Record<string, { file: string; type: string }> = {
  'govuk-frontend.js': { file: 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', type: 'text/javascript' },
  'moj-frontend.js': { file: 'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js', type: 'text/javascript' },
  'vigil.js': { file: 'public/vigil.js', type: 'text/javascript' },
  'vigil-start.js': { file: 'public/vigil-start.js', type: 'text/javascript' },
  'favicon.svg': { file: 'public/favicon.svg', type: 'image/svg+xml' },
  'timeline.js': { file: 'public/timeline.js', type: 'text/javascript' },
  'timeline.css': { file: 'public/timeline.css', type: 'text/css' },
  'victim-pack.css': { file: 'public/victim-pack.css', type: 'text/css' },
  'oversight-report.css': { file: 'public/oversight-report.css', type: 'text/css' },
};

/** All static assets, built once at start and served from memory. */
export async function loadAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  assets.set('vigil.css', { body: await buildStylesheet(), type: 'text/css' });
  for (const [name, { file, type }] of Object.entries(FILES)) {
    assets.set(name, { body: await readFile(path.join(root, file)), type });
  }
  return assets;
}
