import pino, { type Logger } from 'pino';

/** Keys whose values are secrets wherever they appear in a logged object. */
const SECRET_KEY = /token|secret|authorization|password|api_?key|public_?key|cookie/i;
/** Secrets that travel inside texts: Bot API URLs carry the bot token, Discord webhook URLs an interaction token. */
const SECRET_IN_TEXT: readonly [RegExp, string][] = [
  [/bot\d+:[\w-]+/g, 'bot[redacted]'],
  [/\/(webhooks|interactions)\/(\d+)\/[\w.-]+/g, '/$1/$2/[redacted]'],
];
const MAX_DEPTH = 3;
const MAX_ITEMS = 20;
const MAX_TEXT = 2000;

function scrub(text: string): string {
  let out = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  for (const [pattern, replacement] of SECRET_IN_TEXT) out = out.replace(pattern, replacement);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const pick = (o: Record<string, unknown>, key: string): string | number | undefined => {
  const v = o[key];
  return typeof v === 'string' ? scrub(v) : typeof v === 'number' ? v : undefined;
};

/**
 * The named fields of an error and nothing else. grammY's errors carry the context with its `api`
 * (and so the token), HttpError wraps a fetch error whose message holds the request URL, and
 * discord.js errors carry the request: none of those objects is ever logged, only these fields.
 */
export function errorFields(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: typeof err === 'string' ? scrub(err) : typeof err };
  const e = err as Error & Record<string, unknown>;
  // grammY's BotError wraps the real error and the context of the update it failed on.
  const ctx = isRecord(e.ctx) ? e.ctx : undefined;
  const update = ctx && isRecord(ctx.update) ? ctx.update : undefined;
  const fields: Record<string, unknown> = {
    type: e.name,
    message: scrub(e.message),
    ...(pick(e, 'code') !== undefined && { code: pick(e, 'code') }),
    ...(pick(e, 'status') !== undefined && { status: pick(e, 'status') }),
    ...(pick(e, 'error_code') !== undefined && { status: pick(e, 'error_code') }),
    ...(pick(e, 'description') !== undefined && { description: pick(e, 'description') }),
    ...(pick(e, 'method') !== undefined && { method: pick(e, 'method') }),
    ...(update && typeof update.update_id === 'number' && { update_id: update.update_id }),
    ...(isRecord(e.parameters) &&
      typeof e.parameters.retry_after === 'number' && { retry_after: e.parameters.retry_after }),
    ...(typeof e.stack === 'string' && {
      // The frames only: the first line repeats the message, which is already scrubbed above.
      stack: scrub(e.stack.split('\n').slice(1, 12).join('\n')),
    }),
  };
  const inner = e.error instanceof Error ? e.error : e.cause;
  if (inner !== undefined && depth < 2) fields.cause = errorFields(inner, depth + 1);
  return fields;
}

/** A value reduced to what is safe to log: primitives, plain data, errors' named fields. */
function safeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return String(value);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value instanceof Error) return errorFields(value);
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => safeValue(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  // Library objects (a grammY context, a REST client, a request) are never logged, only named.
  if (proto !== Object.prototype && proto !== null) return `[${value.constructor.name}]`;
  return safeObject(value as Record<string, unknown>, depth + 1);
}

function safeObject(obj: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : safeValue(value, depth);
  }
  return out;
}

/** What every log line's fields go through; exported for tests. */
export function safeLogFields(obj: Record<string, unknown>): Record<string, unknown> {
  return safeObject(obj, 0);
}

/**
 * The one logger of the process: JSON lines on stderr so stdout stays free for answers. Fields are
 * redacted by construction: errors keep only their named fields, objects only plain data, keys that
 * name secrets are blanked, and texts lose Bot API tokens in URLs. As a last line of defence, every
 * `secrets` value is cut from the finished line.
 * @param level pino level; the console adapter defaults to `warn` to stay quiet
 * @param secrets the configured secret values (tokens, webhook secret, keys)
 */
export function createLogger(level: string, secrets: readonly (string | undefined)[] = []): Logger {
  const known = secrets.filter((s): s is string => s !== undefined && s.length >= 6);
  return pino(
    {
      level,
      formatters: { log: safeLogFields, bindings: safeLogFields },
      // Our fields are already plain; pino's default error serializer must not add anything back.
      serializers: { err: (value: unknown) => value },
      hooks: {
        streamWrite: (line) => known.reduce((out, secret) => out.split(secret).join('[redacted]'), line),
      },
    },
    pino.destination(2),
  );
}
