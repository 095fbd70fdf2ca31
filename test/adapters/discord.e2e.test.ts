import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Events, type APIEmbed } from 'discord.js';
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.js';
import { EMBED_LIMITS, embedLength, STATUS_COLOUR } from '../../src/adapters/discord/render.js';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import type { Core } from '../../src/core/core.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discord-api.js';
import { silentLogger, testCore } from '../helpers.js';

const APP_ID = '111111111111111111';
const TOKEN = 'discord-test-token-0123456789';

// A locally generated Ed25519 key pair stands in for Discord's.
const keys = generateKeyPairSync('ed25519');
const publicKeyHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const otherKey: KeyObject = generateKeyPairSync('ed25519').privateKey;

interface InteractionResponse {
  type: number;
  data?: {
    embeds?: APIEmbed[];
    components?: {
      components: { label?: string; custom_id?: string; disabled?: boolean; style?: number }[];
    }[];
    allowed_mentions?: { parse: string[] };
    flags?: number;
    choices?: { name: string; value: string }[];
    content?: string;
  };
}

let counter = 0;
const user = { id: '42', username: 'budi', global_name: 'Budi' };
function command(name: string, options: Record<string, string> = {}, locale = 'en-US') {
  counter++;
  return {
    id: `${counter}`,
    application_id: APP_ID,
    type: 2,
    token: `tok-${counter}`,
    version: 1,
    locale,
    guild_id: '900',
    guild_locale: 'en-US',
    channel: { id: '901', type: 0 },
    member: { user, roles: [], permissions: '0' },
    data: {
      id: 'c1',
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
    },
  };
}
function autocomplete(name: string, option: string, value: string, locale = 'en-US') {
  const base = command(name, {}, locale);
  return {
    ...base,
    type: 4,
    data: { ...base.data, options: [{ name: option, type: 3, value, focused: true }] },
  };
}
function click(customId: string, locale = 'en-US') {
  const base = command('x', {}, locale);
  return {
    ...base,
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: { id: '77', channel_id: '901', content: '' },
  };
}
function contextMenu(content: string, locale = 'en-US') {
  const base = command('x', {}, locale);
  return {
    ...base,
    data: {
      id: 'c2',
      name: 'Fact-check this message',
      type: 3,
      target_id: 'm1',
      resolved: {
        messages: { m1: { id: 'm1', channel_id: '901', content, author: { id: '5', username: 'x' } } },
      },
    },
  };
}

let api: FakeDiscordApi;
let core: Core;
let adapter: DiscordAdapter;
let server: HttpServer;

beforeEach(async () => {
  api = await startFakeDiscordApi();
  core = await testCore({ keyv: new Keyv() });
  adapter = createDiscordAdapter({
    token: TOKEN,
    applicationId: APP_ID,
    apiRoot: api.url,
    core,
    logger: silentLogger,
  });
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: { 'POST /interactions': adapter.interactionsRoute(publicKeyHex) },
    logger: silentLogger,
  });
});

afterEach(async () => {
  await adapter.stop();
  await server.close();
  await api.close();
});

async function post(
  body: unknown,
  options: { key?: KeyObject; timestamp?: number; signature?: string | null } = {},
) {
  const raw = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    options.signature === undefined
      ? sign(null, Buffer.from(timestamp + raw), options.key ?? keys.privateKey).toString('hex')
      : options.signature;
  return fetch(`${server.url}/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-timestamp': timestamp,
      ...(signature !== null && { 'x-signature-ed25519': signature }),
    },
    body: raw,
  });
}

async function interact(body: unknown): Promise<InteractionResponse> {
  const res = await post(body);
  expect(res.status).toBe(200);
  return (await res.json()) as InteractionResponse;
}

const allText = (r: InteractionResponse) => JSON.stringify(r.data?.embeds ?? []);
const buttonsOf = (r: InteractionResponse) => (r.data?.components ?? []).flatMap((row) => row.components);

/** The adapter over `core`, deferring after 20 ms, served on its own port; `post` sends a signed interaction. */
async function startSlowDiscord(core: Awaited<ReturnType<typeof testCore>>) {
  const adapter = createDiscordAdapter({
    token: TOKEN,
    applicationId: APP_ID,
    apiRoot: api.url,
    core,
    logger: silentLogger,
    deferAfterMs: 20,
  });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: { 'POST /interactions': adapter.interactionsRoute(publicKeyHex) },
    logger: silentLogger,
  });
  return {
    async post(body: unknown): Promise<unknown> {
      const raw = JSON.stringify(body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${server.url}/interactions`, {
        method: 'POST',
        headers: {
          'x-signature-ed25519': sign(null, Buffer.from(timestamp + raw), keys.privateKey).toString('hex'),
          'x-signature-timestamp': timestamp,
        },
        body: raw,
      });
      return res.json();
    },
    async stop() {
      await adapter.stop();
      await server.close();
    },
  };
}

describe('Discord HTTP interactions, signed with a local Ed25519 key', () => {
  test('PING gets PONG', async () => {
    expect(await interact({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 })).toEqual({
      type: 1,
    });
  });

  test('bad, missing and replayed-old signatures get 401', async () => {
    const ping = { id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 };
    expect((await post(ping, { key: otherKey })).status).toBe(401);
    expect((await post(ping, { signature: null })).status).toBe(401);
    expect((await post(ping, { signature: 'zz' })).status).toBe(401);
    expect((await post(ping, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
  });

  test('a correctly signed body that is not an interaction gets 400', async () => {
    expect((await post('not json at all')).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  test('/cost subject:r1 answers with an embed in the status colour: figure, scope, linked sources, disputes, and never pings', async () => {
    const r = await interact(command('cost', { subject: 'r1' }));
    expect(r.type).toBe(4);
    expect(r.data?.allowed_mentions).toEqual({ parse: [] });
    const [head, cost] = r.data?.embeds ?? [];
    expect(head?.title).toBe('DeepSeek-R1: costs');
    expect(cost?.title).toBe('✅ DeepSeek-R1, training cost');
    expect(cost?.description).toContain('**about $294,000 (≈ Rp4.87 billion)**');
    expect(cost?.color).toBe(STATUS_COLOUR.confirmed);
    const fields = Object.fromEntries((cost?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Scope).toContain('reinforcement-learning');
    // One source in the summary, the rest behind the buttons; the conclusion leads the answer.
    expect(fields.Source).toBe('[Nature](https://doi.org/10.1038/s41586-025-09422-z) (17 September 2025) +3');
    expect(head?.description).toContain("R1's reasoning stages cost about $294,000 (DeepSeek, Nature 2025)");
    expect(buttonsOf(r).map((b) => b.label)).toEqual([
      'Sources',
      'Why disputed?',
      'More',
      'Bahasa Indonesia',
    ]);
  });

  test('the same question asked again gets the same JSON body, and it parses to the same answer', async () => {
    const first = await post(command('cost', { subject: 'r1' }));
    const second = await post(command('cost', { subject: 'r1' }));
    const [a, b] = [await first.text(), await second.text()];
    expect(b).toBe(a);
    const parsed = JSON.parse(b) as InteractionResponse;
    expect(parsed.type).toBe(4);
    expect(parsed.data?.embeds?.[0]?.title).toBe('DeepSeek-R1: costs');
  });

  test('a user whose Discord is in Indonesian gets Indonesian; every command answers in both languages', async () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['cost', { subject: 'r1' }, 'id', 'sekitar US$294.000'],
      ['chips', { subject: 'deepseek' }, 'en-US', '512 Nvidia H800 GPUs'],
      ['chips', { subject: 'deepseek' }, 'id', '512 GPU Nvidia H800'],
      ['fact', { query: 'biaya latih gpt-4' }, 'id', 'lebih dari US$100 juta'],
      ['sources', {}, 'en-US', 'detikInet'],
      ['sources', { source: 'trenasia' }, 'id', 'TrenAsia'],
      ['disputed', {}, 'id', 'Angka yang sumbernya tidak sepakat'],
      ['help', {}, 'en-GB', 'cited figures on AI models and chips'],
      ['help', {}, 'id', 'angka bersumber tentang model AI'],
      ['lang', {}, 'id', 'Bahasa jawaban'],
    ];
    for (const [name, options, locale, expected] of cases) {
      expect(allText(await interact(command(name, options, locale))), `${name} ${locale}`).toContain(
        expected,
      );
    }
  });

  test('/lang en overrides the Discord client language for later answers', async () => {
    await interact(command('lang', { language: 'en' }, 'id'));
    expect(allText(await interact(command('cost', { subject: 'r1' }, 'id')))).toContain('about $294,000');
  });

  test('autocomplete offers at most 25 choices matching aliases in both languages, and is never deferred', async () => {
    const empty = await interact(autocomplete('cost', 'subject', ''));
    expect(empty.type).toBe(8);
    expect(empty.data?.choices?.length).toBeGreaterThan(0);
    expect(empty.data?.choices?.length).toBeLessThanOrEqual(25);
    const deep = await interact(autocomplete('chips', 'subject', 'deep'));
    expect(deep.data?.choices?.map((c) => c.value)).toEqual(expect.arrayContaining(['deepseek', 'r1', 'v3']));
    const indonesian = await interact(autocomplete('cost', 'subject', 'pusat data', 'id'));
    expect(indonesian.data?.choices?.map((c) => c.name)).toContain(
      'Microsoft–OpenAI data centre plan — Pusat data AI raksasa yang direncanakan Microsoft dan OpenAI.',
    );
    for (const c of deep.data?.choices ?? []) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(allText(await interact(command('chips', { subject: c.value })))).not.toContain('Nothing found');
    }
  });

  test('buttons switch views and language by updating the message', async () => {
    const r = await interact(command('cost', { subject: 'r1' }));
    const [sources, why, more, language] = buttonsOf(r);
    const expanded = await interact(click(more?.custom_id ?? ''));
    expect(allText(expanded)).toContain('Some in the US doubt a cost this low');
    const shown = await interact(click(sources?.custom_id ?? ''));
    expect(shown.type).toBe(7);
    expect(allText(shown)).toContain('> DeepSeek trained its R1 AI model for just $294,000');
    const explained = await interact(click(why?.custom_id ?? ''));
    expect(allText(explained)).toContain('appears only in this article');
    const switched = await interact(click(language?.custom_id ?? ''));
    expect(allText(switched)).toContain('sekitar US$294.000');
    expect(buttonsOf(switched).map((b) => b.label)).toEqual([
      'Sumber',
      'Mengapa diperdebatkan?',
      'Lainnya',
      'English',
    ]);
    const expired = await interact(click('fd:m:en:0:nosuchtoken'));
    expect(expired.data).toMatchObject({ content: 'That answer has expired. Please ask again.', flags: 64 });
  });

  test('"Fact-check this message" answers privately, never pings, and can be posted publicly', async () => {
    const hostile = '@everyone <@&123456> DeepSeek trained **R1** for $294,000 <@42>';
    const r = await interact(contextMenu(hostile));
    expect(r.type).toBe(4);
    expect(r.data?.flags).toBe(64);
    expect(r.data?.allowed_mentions).toEqual({ parse: [] });
    const text = allText(r);
    expect(text).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(text).not.toContain('<@&123456>');
    expect(text).toContain('\\\\*\\\\*R1\\\\*\\\\*');
    const publish = buttonsOf(r).find((b) => b.label === 'Post publicly');
    const posted = await interact(click(publish?.custom_id ?? ''));
    expect(posted.type).toBe(4);
    expect(posted.data?.flags).toBeUndefined();
    expect(posted.data?.allowed_mentions).toEqual({ parse: [] });
  });

  test('an answer over the embed limits is paginated with buttons, each page within 10 embeds and 6,000 characters', async () => {
    const summary = await interact(command('chips', { subject: 'deepseek' }, 'id'));
    // The summary fits one message; "Lainnya" (More) shows every figure, paginated.
    const more = buttonsOf(summary).find((b) => b.label === 'Lainnya');
    const r = await interact(click(more?.custom_id ?? '', 'id'));
    const pages: InteractionResponse[] = [r];
    for (let next = buttonsOf(r).find((b) => b.label === 'Berikutnya'); next && !next.disabled;) {
      const page = await interact(click(next.custom_id ?? '', 'id'));
      pages.push(page);
      next = buttonsOf(page).find((b) => b.label === 'Berikutnya');
    }
    expect(pages.length).toBeGreaterThan(1);
    let shown = 0;
    for (const page of pages) {
      const embeds = page.data?.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
      expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
      // Each page leads with the answer's title embed; every other embed is one figure.
      shown += embeds.length - 1;
      for (const e of embeds)
        for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    // Across the pages, every figure of the answer is shown once.
    const answer = await core.dispatchLine('/chips deepseek', { platform: 'discord', userId: '1' });
    expect(shown).toBe(answer.kind === 'figures' ? answer.figures.length : -1);
  });

  test('a slow answer is deferred within the window and the original response edited when ready', async () => {
    const slowKv = new Keyv({ store: new Map(), namespace: 'slow' });
    const slowCore = await testCore({ keyv: slowKv });
    const original = slowCore.serve.bind(slowCore);
    slowCore.serve = async (request) => {
      await new Promise((r) => setTimeout(r, 150));
      return original(request);
    };
    const slow = await startSlowDiscord(slowCore);
    try {
      const body = command('cost', { subject: 'v3' });
      expect(await slow.post(body)).toEqual({ type: 5, data: { allowed_mentions: { parse: [] } } });
      const edit = await api.nextCall((c) => c.method === 'PATCH');
      expect(decodeURIComponent(edit.path)).toBe(`/webhooks/${APP_ID}/${body.token}/messages/@original`);
      expect(JSON.stringify(edit.body)).toContain('about $5.576 million');
    } finally {
      await slow.stop();
    }
  });
  test('a slow press of an expired button gets a private follow-up, never an edit of the public message', async () => {
    const slowCore = await testCore({ keyv: new Keyv({ store: new Map(), namespace: 'slow-button' }) });
    const load = slowCore.loadRequest.bind(slowCore);
    slowCore.loadRequest = async (token) => {
      await new Promise((r) => setTimeout(r, 150));
      return load(token);
    };
    const slow = await startSlowDiscord(slowCore);
    try {
      const body = click('fd:m:en:0:nosuchtoken');
      expect(await slow.post(body)).toEqual({ type: 6 });
      const followUp = await api.nextCall((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'));
      expect(decodeURIComponent(followUp.path)).toBe(`/webhooks/${APP_ID}/${body.token}`);
      expect(followUp.body).toMatchObject({
        content: 'That answer has expired. Please ask again.',
        flags: 64,
        allowed_mentions: { parse: [] },
      });
      expect(api.calls.some((c) => c.method === 'PATCH' && c.path.includes(body.token))).toBe(false);
    } finally {
      await slow.stop();
    }
  });
});

describe('Discord gateway mode', () => {
  test('an injected INTERACTION_CREATE is answered through the interaction callback on the REST API', async () => {
    const interaction = command('chips', { subject: 'r1' });
    adapter.client.emit(Events.Raw, { t: 'INTERACTION_CREATE', d: interaction });
    const callback = await api.nextCall(
      (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    expect(callback.method).toBe('POST');
    const body = callback.body as InteractionResponse;
    expect(body.type).toBe(4);
    expect(JSON.stringify(body.data?.embeds)).toContain('512 Nvidia H800 GPUs');
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  test('a 429 from Discord is waited out and the response retried', async () => {
    api.rateLimitNext(/^POST \/interactions\//, 0.2);
    const interaction = command('cost', { subject: 'gpt-4' });
    adapter.client.emit(Events.Raw, { t: 'INTERACTION_CREATE', d: interaction });
    const callback = await api.nextCall((c) => c.path.startsWith(`/interactions/${interaction.id}/`), 8000);
    expect(api.calls.some((c) => c.method === 'POST (429)')).toBe(true);
    expect(JSON.stringify(callback.body)).toContain('more than $100 million');
  });
});

describe('deploy-commands', () => {
  test('PUTs every command with Indonesian localizations and valid names, then reports no change the second time', async () => {
    const first = await adapter.deployCommands('900');
    const put = await api.nextCall((c) => c.method === 'PUT');
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/900/commands`);
    const body = put.body as {
      name: string;
      type: number;
      description?: string;
      description_localizations?: { id: string };
      name_localizations?: { id: string };
      options?: { name: string; description: string; autocomplete: boolean }[];
    }[];
    const slash = body.filter((c) => c.type === 1);
    expect(slash.map((c) => c.name)).toEqual([
      'cost',
      'chips',
      'fact',
      'check',
      'sources',
      'disputed',
      'subscribe',
      'unsubscribe',
      'lang',
      'help',
      'kb',
    ]);
    for (const c of slash) {
      expect(c.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(c.description?.length).toBeLessThanOrEqual(100);
      expect(c.description_localizations?.id.length).toBeLessThanOrEqual(100);
      for (const o of c.options ?? []) expect(o.name).toMatch(/^[a-z0-9_-]{1,32}$/);
    }
    expect(slash[0]?.options?.[0]).toMatchObject({ name: 'subject', autocomplete: true });
    expect(body.find((c) => c.type === 3)).toMatchObject({
      name: 'Fact-check this message',
      name_localizations: { id: 'Cek fakta pesan ini' },
    });
    expect(first.added).toHaveLength(12);
    const second = await adapter.deployCommands('900');
    expect(second).toMatchObject({ added: [], changed: [], removed: [] });
    expect(second.unchanged).toHaveLength(12);
  });

  test('without a guild it registers globally', async () => {
    await adapter.deployCommands();
    expect((await api.nextCall((c) => c.method === 'PUT')).path).toBe(`/applications/${APP_ID}/commands`);
  });
});

describe('Discord moderators', () => {
  test('/kb needs Manage Messages (or a moderator role); it answers privately', async () => {
    const refused = await interact(command('kb', { action: 'history r1-training-cost' }));
    expect(allText(refused)).toContain('Only moderators can do that.');
    expect(refused.data?.flags).toBe(64);
    const withPermission = {
      ...command('kb', { action: 'edit r1-training-cost status reported | checked' }),
      member: { user, roles: [], permissions: String(1 << 13) },
    };
    const applied = await interact(withPermission);
    expect(allText(applied)).toContain('Change c1 recorded: r1-training-cost (edit).');
    expect(applied.data?.flags).toBe(64);
    expect(allText(await interact(command('cost', { subject: 'r1' })))).toContain('reported');
  });

  test('deploy-commands hides /kb from members without Manage Messages', async () => {
    await adapter.deployCommands('900');
    const put = await api.nextCall((c) => c.method === 'PUT');
    const kbCommand = (put.body as { name: string; default_member_permissions?: string }[]).find(
      (c) => c.name === 'kb',
    );
    expect(kbCommand?.default_member_permissions).toBe(String(1 << 13));
  });
});
