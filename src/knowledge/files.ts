// Finding and naming knowledge files, without the YAML parsers: a start whose compiled knowledge is up to
// date reads no YAML, so it need not load them (about 2.5 MB).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError } from './errors.js';
import type { KnowledgeFile } from './schema.js';

export type Section = keyof KnowledgeFile;
export const SECTIONS: readonly Section[] = ['sources', 'entities', 'figures', 'rates', 'changes'];

/** Lists the YAML files of a knowledge directory, sorted so that loading is deterministic. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * The YAML files of a knowledge directory.
 * @throws KnowledgeError when the directory cannot be read or holds no YAML file
 */
export async function knowledgeFiles(dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = await listKnowledgeFiles(dir);
  } catch (err) {
    throw new KnowledgeError([{ file: dir, message: `cannot read the directory (${errorText(err)})` }]);
  }
  if (files.length === 0) throw new KnowledgeError([{ file: dir, message: 'no .yaml files found' }]);
  return files;
}

/** How a file is named in problems: relative to the working directory, as editors and CI logs link. */
export function displayName(file: string): string {
  return path.relative(process.cwd(), file);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
