import Keyv from 'keyv';
import { beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Core } from '../../src/core/core.js';
import { renderText } from '../../src/adapters/console/render.js';
import { ask, consoleActor, expectKind, testCore } from '../helpers.js';

let core: Core;
beforeAll(async () => {
  core = await testCore();
});

describe('/cost', () => {
  test('/cost r1 shows $294,000 with the rupiah figure, its scope, the articles and the three disputes', async () => {
    const a = expectKind(await ask(core, '/cost r1', 'en'), 'figures');
    const cost = a.figures.find((f) => f.property === 'training_cost');
    expect(cost?.value).toBe('about $294,000');
    expect(cost?.equivalents).toEqual(['Rp4.87 billion']);
    expect(cost?.status).toBe('confirmed');
    expect(cost?.scope).toMatch(/reinforcement-learning/);
    expect(cost?.scope).toMatch(/Excludes pre-training the DeepSeek-V3-Base/);
    expect(cost?.citations.map((c) => c.outlet)).toEqual([
      'Nature',
      'TrenAsia',
      'Mestios',
      'The Technology Express',
    ]);
    expect(cost?.citations[1]?.url).toBe(
      'https://www.trenasia.id/amp/biaya-latih-ai-deep-seek-r-1-cuma-rp-4-8-m-amerika-curiga',
    );
    // Doubt without a figure and the rounded headline are notes, not disagreements about the cost.
    expect(cost?.disputes).toEqual([]);
    expect(cost?.notes.map((n) => n.kind)).toEqual(['doubt', 'rounding']);
    expect(cost?.notes[0]?.says).toMatch(/Some in the US doubt/);
    expect(a.figures[0]?.id).toBe('r1-training-cost');
    expect(a.figures[0]?.rank).toBe('preferred');
    expect(a.conclusion).toBe(
      "R1's reasoning stages cost about $294,000 (DeepSeek, Nature 2025); this excludes the ≈ $5.6 million V3 base model it is built on.",
    );
  });

  test('/cost r1 in Indonesian formats money the Indonesian way and keeps quotes in their language', async () => {
    const a = expectKind(await ask(core, '/cost r1', 'id'), 'figures');
    const cost = a.figures.find((f) => f.property === 'training_cost');
    expect(cost?.value).toBe('sekitar US$294.000');
    expect(cost?.equivalents).toEqual(['Rp4,87 miliar']);
    expect(cost?.statusLabel).toBe('terkonfirmasi');
    expect(cost?.scope).toMatch(/^Hanya tahap penalaran/);
    expect(cost?.citations.find((c) => c.outlet === 'Mestios')?.quote).toBe(
      'DeepSeek trained its R1 AI model for just $294,000',
    );
    expect(a.title).toBe('DeepSeek-R1: biaya');
  });

  test('other costs: GPT-4 "more than $100 million", reported, as of 2023; Anthropic forecasts labelled as such', async () => {
    const gpt = expectKind(await ask(core, '/cost gpt4', 'en'), 'figures');
    expect(gpt.figures[0]?.value).toBe('more than $100 million');
    expect(gpt.figures[0]?.status).toBe('reported');
    expect(gpt.figures[0]?.asOf).toBe('2023');
    expect(gpt.figures[0]?.equivalents).toEqual(['Rp1.6 trillion']);
    expect(gpt.figures[0]?.disputes).toEqual([]);
    expect(gpt.figures[0]?.notes[0]?.says).toMatch(/about \$100 million/);
    const anthropic = expectKind(await ask(core, '/cost anthropic', 'id'), 'figures');
    expect(anthropic.figures.map((f) => [f.value, f.basisLabel])).toEqual([
      ['sekitar US$100 juta', undefined],
      ['hingga US$1 miliar', 'ramalan'],
      ['US$10–100 miliar', 'ramalan'],
    ]);
    expect(anthropic.figures[0]?.asOf).toBe(
      'diberitakan 19 September 2025; waktu pernyataannya tidak disebut',
    );
  });

  test('a subject with no cost figures says so and points elsewhere, without inventing one', async () => {
    const a = expectKind(await ask(core, '/cost huawei', 'en'), 'figures');
    expect(a.figures).toEqual([]);
    expect(a.title).toBe('No cost figures for Huawei');
    expect(a.suggestions).toContain('/chips huawei');
  });
});

describe('/chips', () => {
  test('/chips deepseek shows 512 H800, the A100 preparation and the disputed 50,000 with its explanation', async () => {
    const a = expectKind(await ask(core, '/chips deepseek', 'en'), 'figures');
    const byId = new Map(a.figures.map((f) => [f.id, f]));
    expect(byId.get('r1-gpu-count')?.value).toBe('512 Nvidia H800 GPUs');
    expect(byId.get('r1-prep-a100')?.value).toMatch(/A100 GPUs, for preparatory experiments/);
    const holdings = byId.get('deepseek-gpu-holdings');
    expect(holdings?.value).toBe('50,000 GPUs');
    expect(holdings?.breakdown).toBe('30,000 Nvidia H20 + 10,000 Nvidia H800 + 10,000 Nvidia H100');
    expect(holdings?.statusLabel).toBe('disputed');
    expect(holdings?.disputes.map((d) => d.reason).join(' ')).toMatch(/GPUs actually used for R1/);
    expect(byId.get('r1-gpu-count')?.disputes[0]?.reason).toMatch(/without a source/);
    // The 512 H800s lead; the 50,000 as R1's run is only "also claimed", with why it is wrong.
    expect(a.figures[0]?.id).toBe('r1-gpu-count');
    expect(a.alsoClaimed?.map((f) => [f.id, f.deprecatedReason])).toEqual([
      ['r1-gpu-count-50000-claim', expect.stringMatching(/512 H800/)],
    ]);
  });

  test('/chips in Indonesian puts the unit before the chip name', async () => {
    const a = expectKind(await ask(core, '/chips r1', 'id'), 'figures');
    expect(a.figures.find((f) => f.id === 'r1-gpu-count')?.value).toBe('512 GPU Nvidia H800');
    expect(a.figures.find((f) => f.id === 'r1-training-hours')?.value).toBe('sekitar 80 jam');
  });

  test('a chip answers with its own figures', async () => {
    const a = expectKind(await ask(core, '/chips h800', 'en'), 'figures');
    expect(a.figures.map((f) => f.id)).toEqual(
      expect.arrayContaining(['h800-rental-price', 'h800-china-variant']),
    );
    const price = a.figures.find((f) => f.id === 'h800-rental-price');
    expect([price?.value, price?.basisLabel]).toEqual(['$2 per GPU-hour', 'assumed']);
    // An assumption never leads: what was measured or reported comes first.
    expect(a.figures[0]?.basis).toBe('actual');
  });
});

describe('/fact, /sources, /disputed, /help, /lang', () => {
  test('/fact finds figures by free text in both languages', async () => {
    const en = expectKind(await ask(core, '/fact r1 gpu hours', 'en'), 'figures');
    expect(en.figures[0]?.value).toBe('about 147,000 Nvidia H800 GPU-hours');
    const id = expectKind(await ask(core, '/fact biaya latih gpt-4', 'id'), 'figures');
    expect(id.figures[0]?.id).toBe('gpt-4-training-cost');
    expect(id.title).toBe('Angka untuk “biaya latih gpt-4”');
  });

  test('/fact with nothing matching says so and offers subjects', async () => {
    const a = expectKind(await ask(core, '/fact xylophone banana', 'en'), 'not_found');
    expect(a.lines[0]).toBe('No figure matches that question.');
    expect(a.choices.length).toBeGreaterThan(0);
  });

  test('/sources lists all eight sources with dates and languages; one source lists what it is cited for', async () => {
    const all = expectKind(await ask(core, '/sources', 'id'), 'list');
    expect(all.sources).toHaveLength(8);
    expect(all.sources.find((s) => s.id === 'detikinet-2025-12-01')).toMatchObject({
      published: '1 Desember 2025',
      languageLabel: 'Bahasa Indonesia',
    });
    const one = expectKind(await ask(core, '/sources trenasia', 'en'), 'list');
    expect(one.sources[0]?.id).toBe('trenasia-2025-09-19');
    // Its figures come a page at a time; together the pages hold every figure citing it.
    const pages = one.page?.count ?? 1;
    const cited: string[] = [];
    for (let n = 1; n <= pages; n++)
      cited.push(
        ...expectKind(await ask(core, `/sources trenasia ${n}`, 'en'), 'list').figures.map((f) => f.id),
      );
    expect(cited).toContain('r1-training-cost');
    expect(cited).toHaveLength(one.sources[0]?.figureCount ?? 0);
    const missing = expectKind(await ask(core, '/sources nytimes', 'en'), 'error');
    expect(missing.message).toBe('There is no source “nytimes”. Send /sources for the list.');
  });

  test('/disputed lists real disagreements only, each with the other side and why', async () => {
    const a = expectKind(await ask(core, '/disputed', 'en'), 'list');
    const ids: string[] = [];
    for (let n = 1; n <= (a.page?.count ?? 1); n++)
      ids.push(...expectKind(await ask(core, `/disputed ${n}`, 'en'), 'list').figures.map((f) => f.id));
    expect(ids).toEqual(
      expect.arrayContaining(['r1-gpu-count', 'r1-cost-announcement-date', 'deepseek-gpu-holdings']),
    );
    // Notes are context, not disagreements: a confirmed figure with only notes is not listed.
    expect(ids).not.toContain('r1-training-cost');
    expect(ids).not.toContain('gpt-4-training-cost');
    expect(a.figures[0]?.status).not.toBe('confirmed');
    for (const f of a.figures) for (const d of f.disputes) expect(d.reason.length).toBeGreaterThan(10);
  });

  test('/help lists every command with its description in the asked language', async () => {
    for (const locale of ['en', 'id'] as const) {
      const a = expectKind(await ask(core, '/help', locale), 'help');
      for (const c of commands.filter((x) => x.moderatorOnly !== true))
        expect(a.lines.join('\n')).toContain(`/${c.name}`);
      expect(a.lines.join('\n')).not.toContain('/kb');
    }
    const id = expectKind(await ask(core, '/help', 'id'), 'help');
    expect(id.lines.join('\n')).toContain('Biaya pelatihan atau pembangunan model');
  });

  test('/lang id switches this user to Indonesian for later answers, and only this user', async () => {
    const local = await testCore({ keyv: new Keyv() });
    const set = expectKind(await ask(local, '/lang id'), 'info');
    expect(set.lines).toEqual(['Jawaban sekarang dalam Bahasa Indonesia.']);
    expect((await ask(local, '/cost r1')).title).toBe('DeepSeek-R1: biaya');
    expect((await ask(local, '/cost r1', undefined, { ...consoleActor, userId: 'someone-else' })).title).toBe(
      'DeepSeek-R1: costs',
    );
    const bad = expectKind(await ask(local, '/lang fr'), 'error');
    expect(bad.message).toMatch(/^Saya bisa menjawab dalam en/);
  });

  test('/unsubscribe with an unknown subject keeps every subscription and says the name is unknown', async () => {
    const local = await testCore({ keyv: new Keyv() });
    const chat = { platform: 'telegram' as const, userId: '1', replyTo: '-9' };
    await ask(local, '/subscribe r1', 'en', chat);
    await ask(local, '/subscribe gpt-4', 'en', chat);
    expect(expectKind(await ask(local, '/unsubscribe xyzzy', 'en', chat), 'not_found').title).toBe(
      'Nothing found for “xyzzy”',
    );
    expect(expectKind(await ask(local, '/unsubscribe r1', 'en', chat), 'info').lines).toEqual([
      'Stopped 1 subscription(s) of this chat.',
    ]);
    expect(expectKind(await ask(local, '/unsubscribe', 'en', chat), 'info').lines).toEqual([
      'Stopped 1 subscription(s) of this chat.',
    ]);
  });

  test('/subscribe outside a chat says where notices go instead of failing', async () => {
    const a = expectKind(await ask(core, '/subscribe r1', 'en', { platform: 'cli', userId: 'x' }), 'error');
    expect(a.message).toBe('Update notices are sent to chats; subscribe from a Telegram or Discord chat.');
  });

  test('a platform language hint picks Indonesian when the user has not chosen', async () => {
    const a = await ask(core, '/cost r1', undefined, {
      platform: 'telegram',
      userId: '42',
      localeHint: 'id',
    });
    expect(a.locale).toBe('id');
  });
});

describe('bad input gets a polite answer, never a stack trace', () => {
  test.each([
    ['/cost', 'en', 'Please name a subject, for example /cost r1.'],
    ['/cost   ', 'id', 'Sebutkan subjeknya, misalnya /cost r1.'],
    ['/fact', 'en', 'Please say what to look for, for example /fact r1 gpu hours.'],
    ['/nonsense r1', 'en', 'I don’t know the command /nonsense. Send /help to see what I can do.'],
    ['hello there', 'en', 'Commands start with a slash, for example /cost r1. Send /help for the list.'],
    ['/cost \u200B\u200B', 'en', 'Please name a subject, for example /cost r1.'],
  ] as const)('%j (%s)', async (line, locale, message) => {
    const a = expectKind(await ask(core, line, locale), 'error');
    expect(a.message).toBe(message);
  });

  test('a 4,000-character subject is refused politely with the limit', async () => {
    const a = expectKind(await ask(core, `/cost ${'r1 '.repeat(1334)}`, 'en'), 'error');
    expect(a.message).toMatch(/^That is too long \(\d{4} characters\)\. Please keep it under 200\.$/);
  });

  test('emoji and unknown subjects get not_found with suggestions', async () => {
    const a = expectKind(await ask(core, '/cost 🦄🔥', 'en'), 'not_found');
    expect(a.title).toBe('Nothing found for “🦄🔥”');
    expect(a.choices.length).toBeGreaterThan(0);
    const b = expectKind(await ask(core, '/chips llama 3 405b', 'id'), 'not_found');
    expect(b.lines[0]).toBe('Tidak ada subjek dengan nama itu. Saya tidak pernah menebak angka.');
  });

  test('an ambiguous subject lists choices with the command to pick each', async () => {
    const a = expectKind(await ask(core, '/cost gpt', 'en'), 'ambiguous');
    expect(a.choices.map((c) => c.command).sort()).toEqual(['/cost gpt4', '/cost gpt4o']);
  });

  test('a command that throws a bug answers with the generic apology and logs it', async () => {
    const broken = await testCore();
    broken.setKnowledge(Object.create(null) as never);
    const a = expectKind(await ask(broken, '/cost r1', 'id'), 'error');
    expect(a).toMatchObject({
      code: 'unexpected',
      message: 'Ada yang salah di sisi saya. Silakan coba lagi sebentar lagi.',
    });
  });

  test('terminal control characters typed by a user never reach the console output', async () => {
    const a = await ask(core, '/cost \u001b[31mred\u001b[0m', 'en');
    expect(renderText(a)).not.toContain('\u001b');
  });
});

describe('autocomplete and command metadata', () => {
  test('subject autocomplete gives at most 25 choices, each a working command', async () => {
    const choices = core.autocomplete('cost', 'subject', '', 'en');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices.slice(0, 5)) expect((await ask(core, c.command, 'en')).kind).toBe('figures');
    expect(core.autocomplete('chips', 'subject', 'hua', 'id').map((c) => c.id)).toEqual([
      'huawei',
      'huawei-ascend',
    ]);
    expect(core.autocomplete('cost', 'subject', 'x'.repeat(5000), 'en').length).toBeLessThanOrEqual(25);
  });

  test('every command has en and id descriptions within platform limits and valid names', () => {
    for (const info of core.commandInfo()) {
      expect(info.name).toMatch(/^[a-z0-9_]{1,32}$/);
      for (const text of [
        info.description.en,
        info.description.id,
        ...info.options.flatMap((o) => [o.description.en, o.description.id]),
      ]) {
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(100);
      }
      for (const o of info.options) expect(o.name).toMatch(/^[a-z0-9_]{1,32}$/);
    }
  });
});
