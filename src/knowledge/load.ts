import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isNode, parse, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from './errors.js';
import { KnowledgeFileSchema, KnowledgeSchema, type Knowledge, type KnowledgeFile } from './schema.js';
import { crossCheck, type Located } from './cross-check.js';
import { parseYamlFast } from './yaml-text.js';

type Section = keyof KnowledgeFile;
const SECTIONS: readonly Section[] = ['sources', 'entities', 'figures', 'rates', 'changes'];

/** A validated file; its text is kept so that a later check can still point at a line. */
interface ParsedFile {
  file: string;
  text: string;
  data: KnowledgeFile;
}

/** Lists the YAML files of a knowledge directory, sorted so that loading is deterministic. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

// Bump when the schema changes, so snapshots written by an older version are not trusted.
const SNAPSHOT_FORMAT = 1;

/** Identifies the exact set of files: names, sizes and modification times. */
async function fingerprint(dir: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(`${SNAPSHOT_FORMAT}\n`);
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${path.relative(dir, file)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * Reads, validates and merges every YAML file under `dir`.
 * @param options.snapshotDir where to keep a validated JSON copy; a later load of unchanged files reads
 *   it instead of parsing YAML (seconds instead of a minute at 100,000 figures). It is still re-validated.
 * @throws KnowledgeError listing every problem (file, line, field); nothing partial is returned.
 */
export async function loadKnowledge(dir: string, options: { snapshotDir?: string } = {}): Promise<Knowledge> {
  let files: string[];
  try {
    files = await listKnowledgeFiles(dir);
  } catch (err) {
    throw new KnowledgeError([{ file: dir, message: `cannot read the directory (${errorText(err)})` }]);
  }
  if (files.length === 0) throw new KnowledgeError([{ file: dir, message: 'no .yaml files found' }]);
  const snapshot = options.snapshotDir
    ? path.join(options.snapshotDir, `knowledge-${await fingerprint(dir, files)}.json`)
    : undefined;
  if (snapshot) {
    const cached = await readSnapshot(snapshot);
    if (cached) return cached;
  }
  const texts = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  const knowledge = parseKnowledge(
    texts.map(({ file, text }) => ({ file: path.relative(process.cwd(), file), text })),
  );
  if (snapshot) await writeSnapshot(snapshot, knowledge);
  return knowledge;
}

/** A snapshot that still passes the schema and the cross-checks, or undefined (missing, stale or damaged). */
async function readSnapshot(file: string): Promise<Knowledge | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = KnowledgeSchema.safeParse(JSON.parse(raw));
    if (!parsed.success || crossCheck(parsed.data, () => undefined).length > 0) return undefined;
    return parsed.data;
  } catch {
    return undefined;
  }
}

async function writeSnapshot(file: string, knowledge: Knowledge): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Older snapshots describe files that no longer exist; keep only the current one.
    for (const old of await readdir(path.dirname(file))) {
      if (/^knowledge-[0-9a-f]+\.json$/.test(old))
        await rm(path.join(path.dirname(file), old), { force: true });
    }
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(knowledge));
    await rename(temp, file);
  } catch {
    // A read-only data directory only costs speed at the next start.
  }
}

/**
 * Validates and merges knowledge given as file texts (the loader's pure half, also used by /kb and tests).
 * @throws KnowledgeError
 */
export function parseKnowledge(files: readonly { file: string; text: string }[]): Knowledge {
  const issues: KnowledgeIssue[] = [];
  const parsed: ParsedFile[] = [];
  for (const { file, text } of files) {
    const result = parseFile(file, text);
    if ('issues' in result) issues.push(...result.issues);
    else parsed.push(result);
  }
  if (issues.length > 0) throw new KnowledgeError(issues);

  const knowledge: Knowledge = { sources: [], entities: [], figures: [], rates: [], changes: [] };
  const where = new Map<object, Located>();
  for (const p of parsed) {
    let located: Positions | undefined;
    for (const section of SECTIONS) {
      p.data[section]?.forEach((record: object, index: number) => {
        where.set(record, (sub) => {
          const keys = [section, index, ...sub];
          located ??= positions(p.text);
          return { file: p.file, line: lineOf(located, keys), field: formatPath(keys) };
        });
      });
    }
    knowledge.sources.push(...(p.data.sources ?? []));
    knowledge.entities.push(...(p.data.entities ?? []));
    knowledge.figures.push(...(p.data.figures ?? []));
    knowledge.rates.push(...(p.data.rates ?? []));
    knowledge.changes.push(...(p.data.changes ?? []));
  }
  const crossIssues = crossCheck(knowledge, (record) => where.get(record));
  if (crossIssues.length > 0) throw new KnowledgeError(crossIssues);
  return knowledge;
}

function parseFile(file: string, text: string): ParsedFile | { issues: KnowledgeIssue[] } {
  // The fast path (js-yaml, ten times faster) builds no position information; the `yaml` package reads
  // the file again only when it has an error to locate, or when js-yaml refuses what `yaml` accepts.
  let value: unknown;
  try {
    value = (parseYamlFast(text) ?? { value: parse(text, { uniqueKeys: true }) }).value;
  } catch {
    const { doc, lines } = positions(text);
    return {
      issues: doc.errors.map((e) => ({
        file,
        line: lines.linePos(e.pos[0]).line,
        message: `YAML syntax: ${e.message.split('\n')[0] ?? e.code}`,
      })),
    };
  }
  const result = KnowledgeFileSchema.safeParse(value ?? {});
  if (result.success) return { file, text, data: result.data };
  const located = positions(text);
  return { issues: result.error.issues.map((issue) => toIssue(file, located, issue)) };
}

interface Positions {
  doc: Document;
  lines: LineCounter;
}

/** The YAML document with source positions, for pointing at the line of a field. */
function positions(text: string): Positions {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

function toIssue(file: string, p: Positions, issue: z.core.$ZodIssue): KnowledgeIssue {
  const keys = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const message =
    issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  return { file, line: lineOf(p, keys), field: formatPath(keys), message };
}

/** The line of the deepest existing YAML node on `keys` (a missing field points at its parent). */
function lineOf(p: Positions, keys: readonly (string | number)[]): number | undefined {
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = p.doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return p.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** `figures[2].citations[0].source` from `['figures', 2, 'citations', 0, 'source']`. */
export function formatPath(keys: readonly (string | number)[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
