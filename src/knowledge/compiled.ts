import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { crossCheck } from './cross-check.js';
import { KnowledgeError, type KnowledgeIssue } from './errors.js';
import {
  amountRanges,
  FLOAT32_MAX,
  citedSources,
  listedAsDisputed,
  LOOKUPS,
  lookupKeys,
  type KnowledgeSet,
} from './figure-store.js';
import { CompiledFigures } from './compiled-figures.js';
import { displayName, knowledgeFiles, SECTIONS } from './files.js';
import { z } from 'zod';
import { KnowledgeFileSchema, type Knowledge, type KnowledgeFile } from './schema.js';
import { figureWords } from './search-text.js';

// Bump when the file layout changes, so that files compiled by an older version are not read.
const LAYOUT = 4;
/**
 * The layout and a fingerprint of the schema: records validated under another schema (a field added or
 * changed since) are never reused unchecked.
 */
const FORMAT = `${LAYOUT}:${createHash('sha256')
  .update(JSON.stringify(z.toJSONSchema(KnowledgeFileSchema, { unrepresentable: 'any', io: 'input' })))
  .digest('hex')
  .slice(0, 16)}`;
const ARTIFACT = /^knowledge-[0-9a-f]{24}\.sqlite$/;
const MANIFEST = 'knowledge-files.json';
const LIST_KINDS = ['about', 'citing', 'disputed', 'word', ...LOOKUPS] as const;
/** What a row of the `lists` table lists (see `CompiledFigures`). */
export type ListKind = (typeof LIST_KINDS)[number];

/**
 * A knowledge file as last seen: its size, times and inode, and the hash of its content then. The
 * change time is included because no tool can set it back (`touch -r` restores only the modification time).
 */
interface Seen {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
}

interface FileState {
  file: string;
  name: string;
  hash: string;
  /** Read while hashing, when the file was new or changed and is to be parsed in this process. */
  text?: string;
}

/**
 * The knowledge compiled once into a SQLite file in `dataDir`, named by the hashes of the files' contents,
 * that every process opens read-only: entities, sources and rates in memory; figures, their lookups and
 * the /fact word index read on demand. A start with unchanged files only opens it; when files change,
 * only those are parsed and validated again (the others are taken from the last compiled file), then
 * the whole is cross-checked and written to a new file, which replaces the old one atomically.
 * Where `dataDir` cannot be written, the knowledge is loaded in memory instead.
 * @param options.onParse called with each file's name as it is parsed again (unchanged files are not)
 * @param options.onCompiled called once the files were compiled (not when the compiled file was current)
 * @throws KnowledgeError listing every problem (file, line, field); the last compiled file stays as it was
 */
export async function loadCompiledKnowledge(
  dir: string,
  dataDir: string,
  options: {
    onParse?: (name: string) => void;
    onCompiled?: (how: { inChild: boolean; ms: number }) => void;
  } = {},
): Promise<KnowledgeSet> {
  // Compiled in a child process when one can run (the compiled product), so that the memory the compile
  // takes (about 600 MB at 100,000 figures) goes back to the system when it exits instead of staying
  // with the serving process. Tests of the sources, and callers watching the parse, compile here.
  const inChild = options.onParse === undefined && canCompileInChild();
  // Texts are kept for parsing only when parsing here; the child reads the files it parses itself.
  const { files, artifact } = await locate(dir, dataDir, !inChild);
  const ready = openCompiled(artifact);
  if (ready) return ready;
  const started = performance.now();
  const written = inChild ? await compileInChild(dir, dataDir) : undefined;
  const compiled = written ?? (await compileHere(files, dataDir, artifact, options.onParse));
  options.onCompiled?.({ inChild: written !== undefined, ms: performance.now() - started });
  if ('knowledge' in compiled) return compiled.knowledge;
  await removeOthers(dataDir, path.basename(compiled.artifact));
  return openCompiled(compiled.artifact) ?? (await compile(files, dataDir, undefined)).knowledge;
}

/** The files with their content hashes, and the compiled file they make (named by those hashes). */
async function locate(
  dir: string,
  dataDir: string,
  keepTexts: boolean,
): Promise<{ files: FileState[]; artifact: string }> {
  await mkdir(dataDir, { recursive: true }).catch(() => undefined);
  const files = await hashFiles(dir, dataDir, keepTexts);
  const key = createHash('sha256').update(`factdesk knowledge ${FORMAT}\n`);
  for (const f of files) key.update(`${f.name}\0${f.hash}\n`);
  return { files, artifact: path.join(dataDir, `knowledge-${key.digest('hex').slice(0, 24)}.sqlite`) };
}

/** The compiled file written, or the knowledge in memory when `dataDir` cannot be written. */
type Compiled = { artifact: string } | { knowledge: Knowledge };

/** Validates the files and writes the compiled file, in this process. */
async function compileHere(
  files: readonly FileState[],
  dataDir: string,
  artifact: string,
  onParse?: (name: string) => void,
): Promise<Compiled> {
  const { knowledge, parsed } = await compile(files, dataDir, onParse);
  // A name of this write's own: processes sharing DATA_DIR (containers often share a pid) never meet.
  const temp = `${artifact}.${randomUUID()}.tmp`;
  try {
    await writeCompiled(artifact, temp, parsed, knowledge);
  } catch {
    // A read-only data directory only costs memory and speed: serve what was just validated.
    await rm(temp, { force: true }).catch(() => undefined);
    return { knowledge };
  }
  return { artifact };
}

/**
 * Compiles `dir` into `dataDir` in this process and returns the compiled file's path, or undefined when
 * `dataDir` cannot be written. What `compile-child.js` runs.
 * @throws KnowledgeError listing every problem
 */
export async function compileKnowledgeFile(dir: string, dataDir: string): Promise<string | undefined> {
  const { files, artifact } = await locate(dir, dataDir, true);
  if (existsSync(artifact)) return artifact;
  const compiled = await compileHere(files, dataDir, artifact);
  return 'artifact' in compiled ? compiled.artifact : undefined;
}

// Exit codes of compile-child.js beyond 0 (written, its path on stdout).
export const CHILD_INVALID = 3;
export const CHILD_UNWRITABLE = 4;
const CHILD_SCRIPT = fileURLToPath(new URL('./compile-child.js', import.meta.url));
const canCompileInChild = () => import.meta.filename.endsWith('.js') && existsSync(CHILD_SCRIPT);

/**
 * Compiles in a child Node process; undefined when no child can run (the sources, not the compiled
 * product), when `dataDir` cannot be written, or when the child failed otherwise: then the caller
 * compiles here, and reports what goes wrong.
 * @throws KnowledgeError with the child's issues when the files are invalid
 */
async function compileInChild(dir: string, dataDir: string): Promise<Compiled | undefined> {
  const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      [CHILD_SCRIPT, dir, dataDir],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
      (err, stdout) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout }),
    );
  });
  if (result.code === 0 && result.stdout.trim()) return { artifact: result.stdout.trim() };
  if (result.code !== CHILD_INVALID) return undefined;
  let issues: KnowledgeIssue[];
  try {
    issues = JSON.parse(result.stdout) as KnowledgeIssue[];
  } catch {
    return undefined;
  }
  throw new KnowledgeError(issues);
}

/**
 * Content hashes of the files (of their bytes); a file whose size and time are as last seen keeps its
 * recorded hash. With `keepTexts`, the text of each file read is kept for parsing.
 */
async function hashFiles(dir: string, dataDir: string, keepTexts: boolean): Promise<FileState[]> {
  const manifestFile = path.join(dataDir, MANIFEST);
  const seen = await readManifest(manifestFile);
  const next: Record<string, Seen> = {};
  let read = false;
  const states = await Promise.all(
    (await knowledgeFiles(dir)).map(async (file): Promise<FileState> => {
      const name = path.relative(dir, file);
      const info = await stat(file);
      const known = seen[name];
      if (
        known &&
        known.size === info.size &&
        known.mtimeMs === info.mtimeMs &&
        known.ctimeMs === info.ctimeMs &&
        known.ino === info.ino
      ) {
        next[name] = known;
        return { file, name, hash: known.hash };
      }
      // The bytes, not the decoded text: the same hash for any valid UTF-8 file, without a string of
      // each file held in the heap when it is not parsed here.
      const bytes = await readFile(file);
      read = true;
      const hash = createHash('sha256').update(bytes).digest('hex');
      next[name] = { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, hash };
      return keepTexts ? { file, name, hash, text: bytes.toString('utf8') } : { file, name, hash };
    }),
  );
  if (read || Object.keys(seen).length !== states.length) {
    await writeAtomically(manifestFile, JSON.stringify(next)).catch(() => undefined);
  }
  return states;
}

async function readManifest(file: string): Promise<Record<string, Seen>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Seen>) : {};
  } catch {
    return {};
  }
}

/** Validates the files, reusing the validated records of unchanged files from the last compiled file. */
async function compile(
  files: readonly FileState[],
  dataDir: string,
  onParse: ((name: string) => void) | undefined,
): Promise<{ knowledge: Knowledge; parsed: CompiledFile[] }> {
  // The YAML parsers, only when a file has changed since the last compile.
  const { parseFile, parseKnowledge } = await import('./load.js');
  const previous = await previousRecords(dataDir);
  const issues: KnowledgeIssue[] = [];
  const parsed: CompiledFile[] = [];
  try {
    for (const f of files) {
      const reused = previous?.records(f.hash);
      if (reused) {
        parsed.push({ ...f, data: reused });
        continue;
      }
      onParse?.(f.name);
      const result = parseFile(displayName(f.file), f.text ?? (await readFile(f.file, 'utf8')));
      if ('issues' in result) issues.push(...result.issues);
      else parsed.push({ ...f, data: result.data });
    }
  } finally {
    previous?.close();
  }
  if (issues.length > 0) throw new KnowledgeError(issues);
  const knowledge: Knowledge = { sources: [], entities: [], figures: [], rates: [], changes: [] };
  for (const { data } of parsed) {
    pushAll(knowledge.sources, data.sources);
    pushAll(knowledge.entities, data.entities);
    pushAll(knowledge.figures, data.figures);
    pushAll(knowledge.rates, data.rates);
    pushAll(knowledge.changes, data.changes);
  }
  if (crossCheck(knowledge, () => undefined).length > 0) {
    // Rare, so the simple way: read every file again to point at the lines.
    const texts = await Promise.all(
      files.map(async (f) => ({ file: displayName(f.file), text: await readFile(f.file, 'utf8') })),
    );
    parseKnowledge(texts);
  }
  return { knowledge, parsed };
}

/** A file's validated records, as compiled. */
interface CompiledFile extends FileState {
  data: KnowledgeFile;
}

function pushAll<T>(into: T[], items: readonly T[] | undefined): void {
  for (const item of items ?? []) into.push(item);
}

/** The validated records of each file in the newest compiled file, by content hash. */
async function previousRecords(
  dataDir: string,
): Promise<{ records: (hash: string) => KnowledgeFile | undefined; close: () => void } | undefined> {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const name of await readdir(dataDir).catch(() => [])) {
    if (!ARTIFACT.test(name)) continue;
    const file = path.join(dataDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && (!newest || info.mtimeMs > newest.mtimeMs)) newest = { file, mtimeMs: info.mtimeMs };
  }
  if (!newest) return undefined;
  let db: Database.Database;
  try {
    db = new Database(newest.file, { readonly: true, fileMustExist: true });
    if (formatOf(db) !== FORMAT) {
      db.close();
      return undefined;
    }
  } catch {
    return undefined;
  }
  const rows = db.prepare<[string], { section: string; body: string }>(
    'SELECT section, body FROM records WHERE file_hash = ? ORDER BY section, pos',
  );
  const figures = db
    .prepare<[string], string>('SELECT body FROM figures WHERE file_hash = ? ORDER BY ord')
    .pluck();
  const known = new Set(db.prepare<[], string>('SELECT hash FROM files').pluck().all());
  const records = (hash: string): KnowledgeFile | undefined => {
    if (!known.has(hash)) return undefined;
    // Validated when compiled, with the same schema (the format number says so).
    const data: Record<string, unknown[]> = {};
    for (const r of rows.all(hash)) (data[r.section] ??= []).push(JSON.parse(r.body));
    const bodies = figures.all(hash);
    if (bodies.length > 0) data.figures = bodies.map((b): unknown => JSON.parse(b));
    return data;
  };
  return { records, close: () => db.close() };
}

function formatOf(db: Database.Database): string | undefined {
  return db.prepare<[], string>("SELECT value FROM meta WHERE key = 'format'").pluck().get();
}

/** Writes the compiled file under a temporary name and renames it into place (atomic for readers). */
async function writeCompiled(
  artifact: string,
  temp: string,
  files: readonly CompiledFile[],
  k: Knowledge,
): Promise<void> {
  const db = new Database(temp);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // 16 MB up to 160,000 figures (as fast as 64 MB at 100,000), then 100 bytes a figure: at a million, a
    // 16 MB cache made building the indexes take twice as long. What SQLite takes is kept by the process
    // after the file is closed, which matters only where the compile does not run in a child.
    db.pragma(`cache_size = -${Math.max(16_000, Math.round(k.figures.length / 10))}`);
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE files (pos INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE TABLE records (file_hash TEXT NOT NULL, section TEXT NOT NULL, pos INTEGER NOT NULL, body TEXT NOT NULL);
      CREATE TABLE figures (ord INTEGER PRIMARY KEY, id TEXT NOT NULL, file_hash TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE lists (kind TEXT NOT NULL, key TEXT NOT NULL, ords BLOB NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
      CREATE VIRTUAL TABLE amounts USING rtree(id, low, high, +ord INTEGER);
    `);
    const entities = new Map(k.entities.map((e) => [e.id, e]));
    // Ascending figure positions per key: figures about an entity, citing a source, listed as disputed,
    // and with a word (the /fact index). One row per key, so they are read in one step.
    const lists = new Map<ListKind, Map<string, number[]>>(LIST_KINDS.map((kind) => [kind, new Map()]));
    const add = (kind: ListKind, key: string, ord: number) => {
      const byKey = lists.get(kind);
      const list = byKey?.get(key);
      if (list) list.push(ord);
      else byKey?.set(key, [ord]);
    };
    db.transaction(() => {
      const meta = db.prepare('INSERT INTO meta VALUES (?, ?)');
      meta.run('format', FORMAT);
      meta.run('figures', String(k.figures.length));
      const file = db.prepare('INSERT INTO files VALUES (?, ?, ?)');
      files.forEach((f, i) => file.run(i, f.name, f.hash));
      const record = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?)');
      for (const f of files) {
        for (const section of SECTIONS) {
          if (section === 'figures') continue;
          f.data[section]?.forEach((r: object, pos: number) =>
            record.run(f.hash, section, pos, JSON.stringify(r)),
          );
        }
      }
      const figure = db.prepare('INSERT INTO figures VALUES (?, ?, ?, ?)');
      const amount = db.prepare('INSERT INTO amounts (low, high, ord) VALUES (?, ?, ?)');
      // Figures are merged file by file, so their positions follow the files.
      const hashOfFigure = files.flatMap((f) => (f.data.figures ?? []).map(() => f.hash));
      k.figures.forEach((f, ord) => {
        figure.run(ord, f.id, hashOfFigure[ord] ?? '', JSON.stringify(f));
        for (const id of new Set([f.subject, ...f.also_about])) add('about', id, ord);
        for (const id of citedSources(f)) add('citing', id, ord);
        if (listedAsDisputed(f)) add('disputed', '', ord);
        for (const w of figureWords(f, (id) => entities.get(id))) add('word', w, ord);
        for (const [kind, keys] of lookupKeys(f)) for (const key of keys) add(kind, key, ord);
        // The amounts /check compares numbers with, found by range (an R*Tree stores them rounded outwards).
        for (const [low, high] of amountRanges(f))
          amount.run(Math.min(low, FLOAT32_MAX), Math.min(high, FLOAT32_MAX), ord);
      });
      const list = db.prepare('INSERT INTO lists VALUES (?, ?, ?)');
      // In key order, and the other indexes built once the rows are in: far faster than as they come.
      for (const [kind, byKey] of lists) {
        for (const key of [...byKey.keys()].sort())
          list.run(kind, key, Buffer.from(Int32Array.from(byKey.get(key) ?? []).buffer));
      }
      db.exec(`
        CREATE UNIQUE INDEX figures_by_id ON figures (id);
        CREATE INDEX figures_by_file ON figures (file_hash);
        CREATE INDEX records_by_file ON records (file_hash);
      `);
    })();
  } finally {
    db.close();
  }
  await rename(temp, artifact);
}

/** The compiled knowledge in `file`, or undefined when it is missing, damaged or of another format. */
function openCompiled(file: string): KnowledgeSet | undefined {
  const open = opened.get(file);
  if (open) return open.knowledge;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    // Negative: a size in KiB rather than a number of pages.
    db.pragma(`cache_size = -${READ_CACHE_KIB}`);
    // The file is never written once renamed into place, so the shared lock is taken once and kept:
    // otherwise every read locks and unlocks the file and checks whether it changed (about 5 µs per
    // figure read, 15 times the read itself). Other processes' read-only connections share the lock.
    db.pragma('locking_mode = EXCLUSIVE');
    if (formatOf(db) !== FORMAT) throw new Error('another format');
    const bodies = db
      .prepare<[string], string>(
        'SELECT body FROM records JOIN files ON files.hash = records.file_hash WHERE section = ? ORDER BY files.pos, records.pos',
      )
      .pluck();
    // Validated when compiled, with the same schema (the format number says so).
    const section = <T>(name: string): T[] => bodies.all(name).map((body) => JSON.parse(body) as T);
    const knowledge: KnowledgeSet = {
      sources: section('sources'),
      entities: section('entities'),
      rates: section('rates'),
      changes: section('changes'),
      figures: new CompiledFigures(db),
    };
    opened.set(file, { knowledge, db });
    return knowledge;
  } catch {
    db?.close();
    return undefined;
  }
}

/**
 * SQLite's page cache for a served compiled file, in KiB (SQLite's own default; better-sqlite3 raises it
 * to 16 MB a connection). Answers read a few pages each, by key, and the operating system already keeps
 * the file's pages: this cache needs little more than the trees' inner pages, and every MB of it stays
 * resident. Full scans read the whole file whatever the cache.
 */
const READ_CACHE_KIB = 2000;

// A compiled file never changes: processes that reload unchanged files share one open copy.
const opened = new Map<string, { knowledge: KnowledgeSet; db: Database.Database }>();
/** How long a replaced compiled file stays open for answers still reading the snapshot it backs. */
const CLOSE_REPLACED_AFTER_MS = 60_000;

/** Removes compiled files other than `keep` (a process still reading one keeps its open copy). */
async function removeOthers(dataDir: string, keep: string): Promise<void> {
  for (const name of await readdir(dataDir).catch(() => [])) {
    if (name === keep) continue;
    // knowledge-*.json: validated snapshots written by earlier versions.
    if (ARTIFACT.test(name) || /^knowledge-[0-9a-f]+\.json$/.test(name)) {
      const open = opened.get(path.join(dataDir, name));
      opened.delete(path.join(dataDir, name));
      // Closed once answers still reading the old snapshot are done, so neither the handle nor the
      // deleted file's space is kept.
      if (open) setTimeout(() => open.db.close(), CLOSE_REPLACED_AFTER_MS).unref();
      await rm(path.join(dataDir, name), { force: true }).catch(() => undefined);
    }
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}
