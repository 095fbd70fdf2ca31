import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserFromGetMe } from 'grammy/types';

/** One Bot API call as the bot made it. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

interface Failure {
  method: string;
  /** Calls of `method` to let through before this one fails. */
  skip: number;
  status: number;
  body: Record<string, unknown>;
}

/**
 * A fake Telegram Bot API on 127.0.0.1: records every call, serves `getUpdates` from a queue
 * (long polling, honouring `offset` and `timeout`), answers the methods factdesk uses with
 * plausible results, and fails chosen calls on request (429 with retry_after, 500).
 */
export interface FakeBotApi {
  /** The `apiRoot` to give grammY, e.g. http://127.0.0.1:43210 */
  url: string;
  calls: RecordedCall[];
  pushUpdate(update: Record<string, unknown>): void;
  /** Resolves with the next call of `method` (or one already recorded and not yet taken). */
  nextCall(method: string, timeoutMs?: number): Promise<RecordedCall>;
  /** Makes the next call of `method` (after `skip` that succeed) fail with this HTTP status and Bot API body. */
  failNext(method: string, status: number, body: Record<string, unknown>, skip?: number): void;
  /** Makes the next call of `method` (after `skip`) never answer (until `close`), like a stalled connection. */
  hangNext(method: string, skip?: number): void;
  /** Makes the next call of `method` (after `skip`) fail at the network level: the connection is cut, unrecorded. */
  dropNext(method: string, skip?: number): void;
  /** The `offset` of every `getUpdates` call so far, in order (the last one confirms what was handled). */
  offsets: number[];
  /** Sets what `getChatMember` answers for a user (default: member). */
  setMemberStatus(userId: number, status: string): void;
  close(): Promise<void>;
}

export const BOT_INFO: UserFromGetMe = {
  id: 1000,
  is_bot: true,
  first_name: 'factdesk',
  username: 'factdeskbot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** @param options.record false keeps no call history (for load tests that would otherwise fill memory) */
export async function startFakeBotApi(options: { record?: boolean } = {}): Promise<FakeBotApi> {
  const calls: RecordedCall[] = [];
  const taken = new Set<RecordedCall>();
  const waiters: { method: string; resolve: (c: RecordedCall) => void }[] = [];
  const updates: Record<string, unknown>[] = [];
  const pollers: (() => void)[] = [];
  const failures: Failure[] = [];
  const stalls: { method: string; kind: 'hang' | 'drop'; skip: number }[] = [];
  /** The first planned fault for `method` that is due now; those still skipping count this call. */
  function due<T extends { method: string; skip: number }>(list: T[], method: string): T | undefined {
    const i = list.findIndex((f) => f.method === method);
    const f = list[i];
    if (!f) return undefined;
    if (f.skip > 0) {
      f.skip--;
      return undefined;
    }
    return list.splice(i, 1)[0];
  }
  const hanging = new Set<ServerResponse>();
  const offsets: number[] = [];
  const memberStatus = new Map<number, string>();
  let nextUpdateId = 1;
  let nextMessageId = 100;

  const record = (call: RecordedCall) => {
    if (options.record === false) return;
    calls.push(call);
    const i = waiters.findIndex((w) => w.method === call.method);
    if (i >= 0) {
      taken.add(call);
      waiters.splice(i, 1)[0]?.resolve(call);
    }
  };

  const message = (payload: Record<string, unknown>) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: payload.chat_id, type: 'private' },
    from: BOT_INFO,
    text: payload.text,
  });

  async function getUpdates(payload: Record<string, unknown>): Promise<unknown> {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    const pending = () => updates.filter((u) => Number(u.update_id) >= offset);
    if (pending().length === 0) {
      const timeout = Math.min(Number(payload.timeout ?? 0), 1) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout);
        pollers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    // Telegram forgets updates once a later offset confirms them.
    for (let i = updates.length - 1; i >= 0; i--)
      if (Number(updates[i]?.update_id) < offset) updates.splice(i, 1);
    return pending();
  }

  async function result(method: string, payload: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return BOT_INFO;
      case 'getUpdates':
        return getUpdates(payload);
      case 'sendMessage':
      case 'editMessageText':
        return message(payload);
      case 'getChatMember':
        return {
          status: memberStatus.get(Number(payload.user_id)) ?? 'member',
          user: { id: payload.user_id, is_bot: false, first_name: 'U' },
        };
      default:
        return true;
    }
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const match = /^\/bot[^/]+\/(\w+)$/.exec(req.url ?? '');
      const method = match?.[1] ?? 'unknown';
      const payload = await readJson(req);
      if (method === 'getUpdates') offsets.push(typeof payload.offset === 'number' ? payload.offset : 0);
      const s = due(stalls, method);
      if (s) {
        if (s.kind === 'drop') req.socket.destroy();
        else hanging.add(res);
        return;
      }
      if (method !== 'getUpdates') record({ method, payload });
      const f = due(failures, method);
      if (f) {
        res.writeHead(f.status, { 'content-type': 'application/json' }).end(JSON.stringify(f.body));
        return;
      }
      const body = JSON.stringify({ ok: true, result: await result(method, payload) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    })().catch((err: unknown) => {
      res.writeHead(500).end(JSON.stringify({ ok: false, error_code: 500, description: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    pushUpdate(update) {
      updates.push({ update_id: nextUpdateId++, ...update });
      for (const wake of pollers.splice(0)) wake();
    },
    nextCall(method, timeoutMs = 5000) {
      const ready = calls.find((c) => c.method === method && !taken.has(c));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${method} call within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          method,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        });
      });
    },
    failNext(method, status, body, skip = 0) {
      failures.push({ method, status, body, skip });
    },
    hangNext(method, skip = 0) {
      stalls.push({ method, kind: 'hang', skip });
    },
    dropNext(method, skip = 0) {
      stalls.push({ method, kind: 'drop', skip });
    },
    offsets,
    setMemberStatus(userId, status) {
      memberStatus.set(userId, status);
    },
    close() {
      for (const wake of pollers.splice(0)) wake();
      hanging.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Telegram user as updates carry it. */
export interface TelegramUser {
  id: number;
  is_bot: false;
  first_name: string;
  language_code?: string;
}

let nextMessageId = 1;
/**
 * A `message` update as Telegram sends it: a leading slash command gets its `bot_command` entity,
 * which is how grammY (and Telegram clients) recognise commands.
 */
export function messageUpdate(
  text: string,
  from: TelegramUser,
  chat: Record<string, unknown> = { id: from.id, type: 'private', first_name: from.first_name },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const command = /^\/\S+/.exec(text);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(command && { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
      ...extra,
    },
  };
}
