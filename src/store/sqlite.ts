import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describeError, promised, StoreOpenError } from './health.js';
import type {
  ChangeLogStore,
  StoreChannel,
  StoreEvents,
  SubscriptionRecord,
  SubscriptionStore,
} from './types.js';

type Db = Database.Database;

// The key-value table has the same shape @keyv/sqlite used, so earlier preferences are read as they are.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS factdesk (key VARCHAR(255) PRIMARY KEY, value TEXT);
  CREATE TABLE IF NOT EXISTS kb_changes (seq INTEGER PRIMARY KEY, target TEXT NOT NULL, body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS kb_revisions (target TEXT PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS subscriptions (
    platform TEXT NOT NULL, chat TEXT NOT NULL, subject TEXT NOT NULL, locale TEXT NOT NULL,
    PRIMARY KEY (subject, platform, chat));
  CREATE INDEX IF NOT EXISTS subscriptions_by_chat ON subscriptions (platform, chat);
  CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
`;

/** Why a SQLite file could not be used, in words an operator acts on. */
function explain(err: unknown): string {
  const { message, code } = describeError(err);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return `the file is corrupted or not a SQLite database (${code}: ${message}); move it away to start with an empty store, or restore a backup`;
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
    return `the folder or file is read-only (${code}: ${message}); give the bot write access or point it elsewhere`;
  if (code === 'SQLITE_CANTOPEN')
    return `the file cannot be opened or created (${code}: ${message}); is the folder writable?`;
  return code === undefined ? message : `${code}: ${message}`;
}

/** SQLite says only "unable to open"; a test write says whether the folder is read-only. */
function folderProblem(dir: string): unknown {
  const probe = path.join(dir, `.factdesk-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return undefined;
  } catch (err) {
    return err;
  }
}

/** How long a start waits for another process that is switching the same new file to WAL. */
const SWITCH_WAIT_MS = 2000;
const SWITCH_RETRY_MS = 20;

/**
 * Runs `step`, again while SQLite says the file is busy. Switching a file to WAL needs it alone: two
 * processes starting together on a new file both try, and SQLite fails one at once rather than call
 * the busy handler (waiting there could deadlock), so the wait is here. Start-up only: it blocks.
 */
function whenNotBusy<T>(step: () => T): T {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += SWITCH_RETRY_MS) {
    try {
      return step();
    } catch (err) {
      const busy = typeof err === 'object' && err !== null && 'code' in err && err.code === 'SQLITE_BUSY';
      if (!busy || waited >= SWITCH_WAIT_MS) throw err;
      Atomics.wait(pause, 0, 0, SWITCH_RETRY_MS);
    }
  }
}

/**
 * Opens (creating if needed) the SQLite file and proves it can be written, so a read-only folder or a
 * corrupted file stops the start with a clear message instead of "saved" answers that persist nothing.
 * @param variable the setting that chose the file (`DATA_DIR` or `STORE_URL`), named in errors
 * @throws StoreOpenError naming the variable, the file and the cause
 */
export function openSqliteFile(file: string, variable: string): Db {
  const fail = (err: unknown) =>
    new StoreOpenError(`${variable}: cannot use the store file ${file}: ${explain(err)}`, { cause: err });
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch (err) {
    throw fail(err);
  }
  let db: Db | undefined;
  try {
    db = new Database(file);
    // Another process holding the write lock makes us wait a little, never fail at once.
    db.pragma('busy_timeout = 1000');
    const open = db;
    whenNotBusy(() => open.pragma('journal_mode = WAL'));
    // SQLite's own default page cache (2 MB) rather than better-sqlite3's 16 MB: a month of button requests
    // makes the file tens of MB, and a key read from the operating system's copy costs microseconds.
    db.pragma('cache_size = -2000');
    db.exec(SCHEMA);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
      'opened',
      new Date().toISOString(),
    );
    return db;
  } catch (err) {
    db?.close();
    throw fail(folderProblem(path.dirname(path.resolve(file))) ?? err);
  }
}

/** A keyv storage adapter over the same connection: keyv keeps serialising values and expiry. */
export function sqliteKeyValue(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM factdesk WHERE key = ?');
  const set = db.prepare('INSERT OR REPLACE INTO factdesk (key, value) VALUES (?, ?)');
  const del = db.prepare('DELETE FROM factdesk WHERE key = ?');
  return {
    get: (key: string) => promised(() => get.get(key)?.value),
    set: (key: string, value: string) => promised(() => set.run(key, value).changes > 0),
    delete: (key: string) => promised(() => del.run(key).changes > 0),
    clear: () => promised(() => db.prepare('DELETE FROM factdesk').run().changes >= 0),
  };
}

/**
 * The key-value rows whose key starts with `prefix`, the prefix cut off: a range on the primary key
 * (binary order), so no other row is read.
 */
export function sqliteListRaw(db: Db): (prefix: string) => Promise<[string, string][]> {
  const range = db.prepare<[string, string], { key: string; value: string }>(
    'SELECT key, value FROM factdesk WHERE key >= ? AND key < ?',
  );
  return (prefix) =>
    promised(() =>
      range
        .all(prefix, afterPrefix(prefix))
        .map((r): [string, string] => [r.key.slice(prefix.length), r.value]),
    );
}

/** The first string above every string starting with `prefix` (its last character raised by one). */
function afterPrefix(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}

/** The change log in SQLite: a row per change, the figure's revision checked and set in one transaction. */
export function sqliteChangeLog(db: Db): ChangeLogStore {
  const since = db.prepare<[number], { seq: number; body: string }>(
    'SELECT seq, body FROM kb_changes WHERE seq > ? ORDER BY seq',
  );
  const revision = db.prepare<[string], { seq: number }>('SELECT seq FROM kb_revisions WHERE target = ?');
  const insert = db.prepare<[string, string]>('INSERT INTO kb_changes (target, body) VALUES (?, ?)');
  const setRevision = db.prepare('INSERT OR REPLACE INTO kb_revisions (target, seq) VALUES (?, ?)');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM kb_changes');
  const append = db.transaction((target: string, expected: number, body: string) => {
    if ((revision.get(target)?.seq ?? 0) !== expected) return undefined;
    const seq = Number(insert.run(target, body).lastInsertRowid);
    setRevision.run(target, seq);
    return seq;
  });
  const importAll = db.transaction((changes: readonly { target: string; body: string }[]) => {
    if ((count.get()?.n ?? 0) > 0) return false;
    for (const c of changes) setRevision.run(c.target, Number(insert.run(c.target, c.body).lastInsertRowid));
    return true;
  });
  return {
    since: (after) => promised(() => since.all(after)),
    // IMMEDIATE takes the write lock before reading, so two processes cannot both pass the check.
    append: (target, expected, body) => promised(() => append.immediate(target, expected, body)),
    importIfEmpty: (changes) => promised(() => importAll.immediate(changes)),
  };
}

/** Subscriptions in SQLite: a row per chat and subject. */
export function sqliteSubscriptions(db: Db): SubscriptionStore {
  const exists = db.prepare('SELECT 1 FROM subscriptions WHERE subject = ? AND platform = ? AND chat = ?');
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO subscriptions (platform, chat, subject, locale) VALUES (@platform, @chat, @subject, @locale)',
  );
  const add = db.transaction((s: SubscriptionRecord) => {
    const existed = exists.get(s.subject, s.platform, s.chat) !== undefined;
    upsert.run(s);
    return !existed;
  });
  const removeOne = db.prepare('DELETE FROM subscriptions WHERE platform = ? AND chat = ? AND subject = ?');
  const removeAll = db.prepare('DELETE FROM subscriptions WHERE platform = ? AND chat = ?');
  const forSubject = db.prepare<[string], SubscriptionRecord>(
    'SELECT platform, chat, subject, locale FROM subscriptions WHERE subject = ?',
  );
  return {
    add: (s) => promised(() => add.immediate(s)),
    remove: (platform, chat, subject) =>
      promised(
        () =>
          (subject === '*' ? removeAll.run(platform, chat) : removeOne.run(platform, chat, subject)).changes,
      ),
    forSubjects: (subjects) => promised(() => subjects.flatMap((s) => forSubject.all(s))),
  };
}

/**
 * Announcements between processes sharing the file: a small table every process reads twice a second
 * (SQLite has no pub/sub; a local read costs microseconds and is off the answer path).
 */
export function sqliteEvents(db: Db, pollMs = 500): StoreEvents & { stop(): void; resync(): void } {
  const origin = randomUUID();
  const insert = db.prepare('INSERT INTO events (channel, message, at) VALUES (?, ?, ?)');
  const prune = db.prepare('DELETE FROM events WHERE at < ?');
  const read = db.prepare<[number], { seq: number; channel: string; message: string }>(
    'SELECT seq, channel, message FROM events WHERE seq > ? ORDER BY seq',
  );
  let last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events').get()?.seq ?? 0;
  const handlers = new Map<string, ((message: string) => void)[]>();
  const resyncs: (() => void)[] = [];
  const timer = setInterval(() => {
    try {
      for (const row of read.all(last)) {
        last = row.seq;
        const [from, message] = splitOrigin(row.message);
        if (from === origin) continue;
        for (const h of handlers.get(row.channel) ?? []) h(message);
      }
    } catch {
      // A locked or failing file is noticed by the store's health checks; try again next time.
    }
  }, pollMs);
  timer.unref();
  return {
    publish: (channel: StoreChannel, message: string) =>
      promised(() => {
        const now = Date.now();
        insert.run(channel, `${origin} ${message}`, now);
        prune.run(now - 60_000);
      }),
    subscribe(channel, handler) {
      handlers.set(channel, [...(handlers.get(channel) ?? []), handler]);
    },
    onResync: (handler) => resyncs.push(handler),
    resync: () => resyncs.forEach((f) => f()),
    stop: () => clearInterval(timer),
  };
}

/** `<origin> <message>` → [origin, message]. */
export function splitOrigin(text: string): [string, string] {
  const space = text.indexOf(' ');
  return space < 0 ? ['', text] : [text.slice(0, space), text.slice(space + 1)];
}
