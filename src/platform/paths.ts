import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vigil's own folder (the one holding its package.json), found by walking up from this
 * module. The same answer whether the code runs from `src/` or from the built `dist/`
 * bundle, so templates, stylesheets and node_modules are found either way.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('Vigil cannot find its package.json above its code');
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
