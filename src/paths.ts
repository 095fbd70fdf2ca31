import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder (where `knowledge/` ships), found from this module whether it runs
 * from `src/` under tsx or from `dist/src/` after the build, so `npx factdesk` works from anywhere.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** A directory from the environment, relative to the working directory, else the package's default. */
export function resolveDir(fromEnv: string | undefined, fallback: string): string {
  return fromEnv ? path.resolve(fromEnv) : path.join(packageRoot(), fallback);
}
