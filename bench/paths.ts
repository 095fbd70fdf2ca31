// The benchmark runs compiled (`npm run bench` builds dist/bench), like the product; these helpers
// find the repository and start sibling scripts the same way, compiled or not.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above this file holding package.json (dist/bench or bench). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(import.meta.dirname);

/** Node arguments that run the bench script `name` (e.g. `servers`) next to this file, compiled or under tsx. */
export function scriptArgs(name: string): string[] {
  const compiled = import.meta.filename.endsWith('.js');
  const file = path.join(import.meta.dirname, `${name}.${compiled ? 'js' : 'ts'}`);
  return compiled ? [file] : ['--import', 'tsx', file];
}
