import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import { packMessages, renderTelegram, TELEGRAM_MESSAGE_LIMIT } from '../../src/adapters/telegram/render.js';
import type { Answer } from '../../src/core/answer.js';
import type { Core } from '../../src/core/core.js';
import {
  BOT_INFO,
  messageUpdate,
  startFakeBotApi,
  type FakeBotApi,
  type RecordedCall,
  type TelegramUser,
} from '../fakes/bot-api.js';
import { silentLogger, testCore } from '../helpers.js';

const TOKEN = '123456:TEST-token';
const alice: TelegramUser = { id: 7, is_bot: false, first_name: 'Alice', language_code: 'en' };
const budi: TelegramUser = { id: 8, is_bot: false, first_name: 'Budi', language_code: 'id' };
const group = { id: -100200, type: 'supergroup', title: 'AI watchers' };

const message = (
  text: string,
  from: TelegramUser = alice,
  chat?: Record<string, unknown>,
  extra?: Record<string, unknown>,
) => messageUpdate(text, from, chat, extra);

const payloadText = (call: RecordedCall) => String(call.payload.text);
interface Button {
  text: string;
  callback_data?: string;
  switch_inline_query_current_chat?: string;
}
const buttons = (call: RecordedCall): Button[] => {
  const markup = call.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
};

let api: FakeBotApi;
let core: Core;
let adapter: TelegramAdapter;
let running: Promise<void> | undefined;

beforeEach(async () => {
  api = await startFakeBotApi();
  core = await testCore({ keyv: new Keyv() });
});

afterEach(async () => {
  await adapter.stop();
  await running;
  await api.close();
});

/** Pushes an update and returns the text of every message sent for it (an answer may span several). */
async function answerTo(update: Record<string, unknown>): Promise<string> {
  const before = api.calls.length;
  api.pushUpdate(update);
  await api.nextCall('sendMessage');
  // Later parts of the same answer follow at once; wait until the bot has been quiet briefly.
  for (let seen = -1; seen !== api.calls.length;) {
    seen = api.calls.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  return api.calls
    .slice(before)
    .filter((c) => c.method === 'sendMessage')
    .map(payloadText)
    .join('\n\n');
}

function startPolling(options: { flood?: { limit: number; windowMs: number } } = {}) {
  adapter = createTelegramAdapter({
    token: TOKEN,
    apiRoot: api.url,
    core,
    logger: silentLogger,
    botInfo: BOT_INFO,
    ...options,
  });
  running = adapter.start();
}

describe('Telegram over long polling against a fake Bot API', () => {
  test('/cost r1 in a private chat sends HTML with the bold figure, badge, scope, linked sources and disputes', async () => {
    startPolling();
    api.pushUpdate(message('/cost r1'));
    const sent = await api.nextCall('sendMessage');
    expect(sent.payload).toMatchObject({
      chat_id: 7,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
    const text = payloadText(sent);
    expect(text).toContain('<b>DeepSeek-R1: costs</b>');
    expect(text).toContain(
      '✅ <b>DeepSeek-R1, training cost: about $294,000 (≈ Rp4.87 billion)</b> <i>confirmed</i>',
    );
    expect(text).toContain('<i>Scope</i>: The reasoning (reinforcement-learning) stages only');
    // The conclusion comes first; one source per figure; the rest are behind the buttons.
    expect(text).toContain("R1's reasoning stages cost about $294,000 (DeepSeek, Nature 2025)");
    expect(text).toContain(
      '<a href="https://doi.org/10.1038/s41586-025-09422-z">Nature</a> (17 September 2025) +3',
    );
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(buttons(sent).map((b) => b.text)).toEqual([
      'Sources',
      'Why disputed?',
      'More',
      'Bahasa Indonesia',
    ]);
  });

  test('menus are registered on start for default, en and id from the command files', async () => {
    startPolling();
    const first = await api.nextCall('setMyCommands');
    const second = await api.nextCall('setMyCommands');
    const third = await api.nextCall('setMyCommands');
    expect(first.payload.language_code).toBeUndefined();
    expect(second.payload.language_code).toBe('en');
    expect(third.payload).toMatchObject({ language_code: 'id' });
    const commands = third.payload.commands as { command: string; description: string }[];
    expect(commands.map((c) => c.command)).toEqual([
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
    ]);
    expect(commands[0]?.description).toBe(
      'Biaya pelatihan atau pembangunan model, perusahaan atau proyek, beserta sumbernya',
    );
  });

  test('a user whose Telegram is in Indonesian gets Indonesian; /lang en overrides it', async () => {
    startPolling();
    const id = await answerTo(message('/chips deepseek', budi));
    expect(id).toContain('<b>DeepSeek: chip dan komputasi</b>');
    expect(id).toContain('512 GPU Nvidia H800');
    expect(await answerTo(message('/lang en', budi))).toContain('Answers will now be in English.');
    expect(await answerTo(message('/chips deepseek', budi))).toContain('512 Nvidia H800 GPUs');
  });

  test('in a group, /cost@factdeskbot answers as a reply; commands for other bots are ignored', async () => {
    startPolling();
    api.pushUpdate(message('/cost@otherbot r1', alice, group));
    api.pushUpdate(message('/cost@factdeskbot gpt-4', alice, group));
    const sent = await api.nextCall('sendMessage');
    expect(sent.payload.chat_id).toBe(group.id);
    expect(payloadText(sent)).toContain('GPT-4, training cost: more than $100 million');
    expect(sent.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  test('every command answers in English and Indonesian', async () => {
    startPolling();
    const cases: [string, typeof alice, string][] = [
      ['/fact r1 gpu hours', alice, '147,000'],
      ['/fact biaya latih gpt-4', budi, 'US$100 juta'],
      ['/sources', alice, 'detikInet'],
      ['/sources', budi, '1 Desember 2025'],
      ['/disputed', alice, 'Where sources disagree'],
      ['/disputed', budi, 'Angka yang sumbernya tidak sepakat'],
      ['/help', alice, '/cost &lt;subject&gt;'],
      ['/help', budi, '/cost &lt;subjek&gt;'],
      ['/cost anthropic', budi, 'US$10–100 miliar'],
      ['/chips r2', alice, 'Huawei Ascend'],
    ];
    for (const [text, from, expected] of cases) {
      expect(await answerTo(message(text, from)), text).toContain(expected);
    }
  });

  test('a command without its subject answers with usage and buttons for the most asked subjects', async () => {
    startPolling();
    api.pushUpdate(message('/cost'));
    const sent = await api.nextCall('sendMessage');
    expect(payloadText(sent)).toContain('Please name a subject, for example /cost r1.');
    const offered = buttons(sent);
    expect(offered.map((b) => b.switch_inline_query_current_chat)).toContain('cost r1');
  });

  test('replying /fact to a message checks that message’s text', async () => {
    startPolling();
    const original = { message_id: 555, date: 1, chat: group, from: budi, text: 'Berapa biaya latih GPT-4?' };
    api.pushUpdate(message('/fact', alice, group, { reply_to_message: original }));
    const sent = await api.nextCall('sendMessage');
    expect(payloadText(sent)).toContain('GPT-4, training cost');
  });

  test('pressing Sources, Why disputed?, More and the language button edits the message in place', async () => {
    startPolling();
    api.pushUpdate(message('/cost r1'));
    const sent = await api.nextCall('sendMessage');
    const [sourcesButton, whyButton, moreButton, languageButton] = buttons(sent);
    const press = (data: string | undefined) =>
      api.pushUpdate({
        callback_query: {
          id: `cb-${data}`,
          from: alice,
          chat_instance: '1',
          data,
          message: { message_id: 99, date: 1, chat: { id: 7, type: 'private' }, text: 'x' },
        },
      });

    press(sourcesButton?.callback_data);
    expect((await api.nextCall('answerCallbackQuery')).payload.callback_query_id).toBe(
      `cb-${sourcesButton?.callback_data}`,
    );
    const sources = await api.nextCall('editMessageText');
    expect(sources.payload).toMatchObject({ chat_id: 7, message_id: 99, parse_mode: 'HTML' });
    expect(payloadText(sources)).toContain('<i>«DeepSeek trained its R1 AI model for just $294,000»</i>');
    expect(buttons(sources)[0]?.text).toBe('Summary');

    press(whyButton?.callback_data);
    await api.nextCall('answerCallbackQuery');
    const why = payloadText(await api.nextCall('editMessageText'));
    expect(why).toContain('edge computing&quot; appears only in this article');

    press(moreButton?.callback_data);
    await api.nextCall('answerCallbackQuery');
    const more = payloadText(await api.nextCall('editMessageText'));
    expect(more).toContain('ℹ️ <i>doubt</i>: Some in the US doubt a cost this low');

    press(languageButton?.callback_data);
    await api.nextCall('answerCallbackQuery');
    const indonesian = await api.nextCall('editMessageText');
    expect(payloadText(indonesian)).toContain('sekitar US$294.000 (≈ Rp4,87 miliar)');
    expect(buttons(indonesian).map((b) => b.text)).toEqual([
      'Sumber',
      'Mengapa diperdebatkan?',
      'Lainnya',
      'English',
    ]);
  });

  test('an unknown or expired button is still answered, so the client stops waiting', async () => {
    startPolling();
    api.pushUpdate({
      callback_query: { id: 'old', from: alice, chat_instance: '1', data: 'v:m:en:doesnotexist' },
    });
    expect((await api.nextCall('answerCallbackQuery')).payload).toMatchObject({
      callback_query_id: 'old',
      show_alert: true,
      text: 'That answer has expired. Please ask again.',
    });
    api.pushUpdate({ callback_query: { id: 'junk', from: alice, chat_instance: '1', data: '<b>junk</b>' } });
    expect((await api.nextCall('answerCallbackQuery')).payload.callback_query_id).toBe('junk');
  });

  test('inline mode answers with articles built from the same answers; an empty query shows disputed figures', async () => {
    startPolling();
    api.pushUpdate({ inline_query: { id: 'iq1', from: alice, query: 'r1 cost', offset: '' } });
    const answered = await api.nextCall('answerInlineQuery');
    const results = answered.payload.results as {
      title: string;
      input_message_content: { message_text: string; parse_mode: string };
    }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]?.title).toBe('DeepSeek-R1, training cost: about $294,000');
    expect(results[0]?.input_message_content).toMatchObject({ parse_mode: 'HTML' });
    expect(results[0]?.input_message_content.message_text).toContain('Rp4.87 billion');
    api.pushUpdate({ inline_query: { id: 'iq2', from: budi, query: '', offset: '' } });
    const empty = await api.nextCall('answerInlineQuery');
    expect((empty.payload.results as unknown[]).length).toBeGreaterThan(3);
  });

  test('hostile input is escaped: <b>, & and </a> arrive as text, never as markup', async () => {
    startPolling();
    api.pushUpdate(message('/fact </a><b>bold</b> & <script>'));
    const text = payloadText(await api.nextCall('sendMessage'));
    expect(text).toContain('&lt;/a&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/<b>bold<\/b>/);
  });

  test('a 429 with retry_after is waited out and the message is sent', async () => {
    startPolling();
    api.failNext('sendMessage', 429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    api.pushUpdate(message('/cost v3'));
    const first = await api.nextCall('sendMessage');
    const retried = await api.nextCall('sendMessage', 8000);
    expect(retried.payload).toEqual(first.payload);
    expect(payloadText(retried)).toContain('DeepSeek-V3, training cost: about $5.576 million');
  });

  test('a transient 500 from the Bot API is retried and the answer still arrives', async () => {
    startPolling();
    api.failNext('sendMessage', 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    api.pushUpdate(message('/cost v3'));
    await api.nextCall('sendMessage');
    expect(payloadText(await api.nextCall('sendMessage', 10_000))).toContain('DeepSeek-V3');
  });

  test('an update whose reply fails for good is logged and the bot goes on with the next one', async () => {
    startPolling();
    api.failNext('sendMessage', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    api.pushUpdate(message('/cost r1'));
    await api.nextCall('sendMessage');
    const help = await answerTo(message('/help'));
    expect(help).toContain('factdesk: cited figures on AI models and chips');
  });

  test('a user hammering commands gets one polite "slow down" and is then ignored for the window', async () => {
    startPolling({ flood: { limit: 2, windowMs: 60_000 } });
    for (let n = 0; n < 6; n++) api.pushUpdate(message('/help'));
    await api.nextCall('sendMessage');
    await api.nextCall('sendMessage');
    const warning = await api.nextCall('sendMessage');
    expect(payloadText(warning)).toBe('You are sending commands too fast. Please wait 60 seconds.');
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
  });

  test('stop() ends polling and resolves after the in-flight update is answered', async () => {
    startPolling();
    api.pushUpdate(message('/disputed'));
    await api.nextCall('sendMessage');
    await adapter.stop();
    await expect(running).resolves.toBeUndefined();
  });
});

describe('Telegram over a webhook', () => {
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function startWebhook(): Promise<string> {
    adapter = createTelegramAdapter({
      token: TOKEN,
      apiRoot: api.url,
      core,
      logger: silentLogger,
      botInfo: BOT_INFO,
    });
    const handler = await adapter.webhook('https://bot.example.org/telegram', 's3cret-token');
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: { 'POST /telegram': handler },
      logger: silentLogger,
    });
    return `${server.url}/telegram`;
  }

  const post = (url: string, body: unknown, secret?: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret !== undefined && { 'x-telegram-bot-api-secret-token': secret }),
      },
      body: JSON.stringify(body),
    });

  test('registers the webhook with its secret and answers updates that carry it', async () => {
    const url = await startWebhook();
    expect((await api.nextCall('setWebhook')).payload).toMatchObject({
      url: 'https://bot.example.org/telegram',
      secret_token: 's3cret-token',
    });
    const response = await post(url, { update_id: 1, ...message('/cost r1') }, 's3cret-token');
    expect(response.status).toBe(200);
    expect(payloadText(await api.nextCall('sendMessage'))).toContain('about $294,000');
  });

  test('a wrong or missing secret gets 401 and nothing is sent', async () => {
    const url = await startWebhook();
    expect((await post(url, { update_id: 2, ...message('/cost r1') }, 'wrong')).status).toBe(401);
    expect((await post(url, { update_id: 3, ...message('/cost r1') })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  test('health checks answer on /healthz; other paths are 404', async () => {
    await startWebhook();
    expect((await fetch(`${server?.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server?.url}/nope`)).status).toBe(404);
  });
});

describe('Telegram rendering', () => {
  test('a 5,000-character answer is split below 4,096 characters at paragraph boundaries', () => {
    const paragraph = (n: number) => `<b>Paragraph ${n}</b>\n${'x'.repeat(480)}`;
    const blocks = Array.from({ length: 10 }, (_, n) => paragraph(n));
    const messages = packMessages(blocks);
    expect(blocks.join('\n\n').length).toBeGreaterThan(5000);
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(m.match(/<b>/g)?.length).toBe(m.match(/<\/b>/g)?.length);
    }
    expect(messages.join('\n\n')).toBe(blocks.join('\n\n'));
  });

  test('one paragraph longer than a message is cut as plain text, never inside a tag', () => {
    const [only, ...rest] = packMessages([`<i>${'y'.repeat(9000)}</i>`]);
    expect(rest).toEqual([]);
    expect(only?.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(only).not.toContain('<i>');
  });

  test('an answer too long for four messages is cut there, saying how many figures were left out', async () => {
    const local = await testCore();
    const answer = await local.dispatchLine(
      '/disputed',
      { platform: 'telegram', userId: '1' },
      { locale: 'en' },
    );
    const figures = answer.kind === 'list' ? answer.figures : [];
    const long: Answer = {
      ...answer,
      kind: 'figures',
      figures: Array.from({ length: 8 }, () => figures).flat(),
    };
    const messages = renderTelegram(long, 'disputes');
    expect(messages).toHaveLength(4);
    const shown = messages
      .join('\n')
      .split('\n')
      .filter((l) => /^(✅|📰|⚠️|❌|🚫) <b>/.test(l)).length;
    const omitted = /…and (\d+) more\./.exec(messages[3] ?? '')?.[1];
    expect(Number(omitted)).toBe(long.figures.length - shown);
  });

  test('the longest real answer (/disputed, every view) stays within the limits', async () => {
    const local = await testCore();
    const answer: Answer = await local.dispatchLine(
      '/disputed',
      { platform: 'telegram', userId: '1' },
      { locale: 'id' },
    );
    for (const view of ['summary', 'sources', 'disputes'] as const) {
      const messages = renderTelegram(answer, view);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.length).toBeLessThanOrEqual(4);
      for (const m of messages) expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    }
  });
});

describe('Telegram moderators', () => {
  test('/kb by a group member is refused; by a chat administrator (checked with getChatMember) it is applied', async () => {
    startPolling();
    api.pushUpdate(message('/kb edit r1-training-cost status reported | test', budi, group));
    expect(await answerTo(message('/help', budi, group))).toBeTruthy();
    const refusal = api.calls
      .filter((c) => c.method === 'sendMessage')
      .map(payloadText)
      .find((t) => t.includes('moderator'));
    expect(refusal).toContain('Hanya moderator yang bisa melakukan itu.');
    expect((await api.nextCall('getChatMember')).payload).toMatchObject({
      chat_id: group.id,
      user_id: budi.id,
    });

    api.setMemberStatus(alice.id, 'administrator');
    const applied = await answerTo(
      message('/kb edit r1-training-cost status reported | admins agree', alice, group),
    );
    expect(applied).toContain('Change c1 recorded: r1-training-cost (edit).');
    expect(await answerTo(message('/cost r1', alice, group))).toContain('<i>reported</i>');
  });

  test('an answer already given is not served again after a moderator edit: the edit shows at once', async () => {
    startPolling();
    api.setMemberStatus(alice.id, 'administrator');
    const status = (text: string) => /training cost: [^<]*<\/b> <i>(\w+)<\/i>/.exec(text)?.[1];
    const first = await answerTo(message('/cost r1', alice, group));
    expect(status(first)).toBe('confirmed');
    // Asked again, the same answer comes (from the answer cache).
    expect(await answerTo(message('/cost r1', alice, group))).toBe(first);
    expect(
      await answerTo(message('/kb edit r1-training-cost status reported | cache check', alice, group)),
    ).toContain('Change c1 recorded');
    const after = await answerTo(message('/cost r1', alice, group));
    expect(status(after)).toBe('reported');
    expect(after).not.toBe(first);
  });

  test('ids in TELEGRAM_MODERATOR_IDS may use /kb in a private chat; the /kb command is not in the public menu', async () => {
    adapter = createTelegramAdapter({
      token: TOKEN,
      apiRoot: api.url,
      core,
      logger: silentLogger,
      botInfo: BOT_INFO,
      moderatorIds: [alice.id],
    });
    running = adapter.start();
    const menu = await api.nextCall('setMyCommands');
    expect((menu.payload.commands as { command: string }[]).map((c) => c.command)).not.toContain('kb');
    expect(await answerTo(message('/kb history r1-training-cost'))).toContain('History of r1-training-cost');
    expect(await answerTo(message('/kb history r1-training-cost', budi))).toContain('Hanya moderator');
  });
});

describe('Telegram update notices', () => {
  test('a chat subscribed to r1 gets one notice when a moderator changes an R1 figure; /unsubscribe stops it', async () => {
    startPolling();
    expect(await answerTo(message('/subscribe r1', budi, group))).toContain(
      'Chat ini akan mendapat pemberitahuan singkat saat angka tentang DeepSeek-R1 berubah.',
    );
    api.setMemberStatus(alice.id, 'administrator');
    const editAnswer = await answerTo(
      message('/kb edit r1-training-cost status reported | officials dispute it', alice, group),
    );
    expect(editAnswer).toContain('Change c1');
    const notices = api.calls.filter((c) => c.method === 'sendMessage' && payloadText(c).startsWith('🔔'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.payload.chat_id).toBe(group.id);
    expect(payloadText(notices[0]!)).toBe(
      '🔔 Diperbarui: DeepSeek-R1, biaya pelatihan: sekitar US$294.000 (terkonfirmasi) → sekitar US$294.000 (dilaporkan). Alasan: officials dispute it',
    );
    await answerTo(
      message('/kb edit gpt-4-training-cost scope.en Only an estimate. | wording', alice, group),
    );
    expect(
      api.calls.filter((c) => c.method === 'sendMessage' && payloadText(c).startsWith('🔔')),
    ).toHaveLength(1);

    expect(await answerTo(message('/unsubscribe', budi, group))).toContain(
      '1 langganan chat ini dihentikan.',
    );
    await answerTo(message('/kb undo c1 | back', alice, group));
    expect(
      api.calls.filter((c) => c.method === 'sendMessage' && payloadText(c).startsWith('🔔')),
    ).toHaveLength(1);
  });
});

describe('Telegram chat language', () => {
  test('a group administrator sets the chat’s language with /lang id chat; members without a choice get it, others are refused', async () => {
    startPolling();
    const carol: TelegramUser = { id: 9, is_bot: false, first_name: 'Carol', language_code: 'en' };
    expect(await answerTo(message('/lang id chat', carol, group))).toContain('Only moderators can do that.');
    api.setMemberStatus(alice.id, 'administrator');
    expect(await answerTo(message('/lang id chat', alice, group))).toContain(
      'Chat ini sekarang dijawab dalam Bahasa Indonesia',
    );
    expect(await answerTo(message('/cost r1', carol, group))).toContain('sekitar US$294.000');
    await answerTo(message('/lang en', carol, group));
    expect(await answerTo(message('/cost r1', carol, group))).toContain('about $294,000');
  });
});
