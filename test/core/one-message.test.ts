import { beforeAll, describe, expect, test } from 'vitest';
import { answerFigures, type Answer } from '../../src/core/answer.js';
import type { Core } from '../../src/core/core.js';
import { EMBED_LIMITS, embedLength, renderDiscord } from '../../src/adapters/discord/render.js';
import { renderTelegram, TELEGRAM_MESSAGE_LIMIT } from '../../src/adapters/telegram/render.js';
import { ask, expectKind, testCore } from '../helpers.js';

let core: Core;
beforeAll(async () => {
  core = await testCore();
});

/** What Telegram counts against its limit: the text after HTML parsing (tags gone, entities decoded). */
function parsedLength(html: string): number {
  const text = html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return text.length; // UTF-16 units: never fewer than Telegram counts
}

/** Every question a chat user can ask by subject, plus the list commands. */
function questions(): string[] {
  const kb = core.knowledge();
  const bySubject = kb.entities.flatMap((e) => [`/cost ${e.id}`, `/chips ${e.id}`, `/fact ${e.name}`]);
  const bySource = kb.sources.flatMap((s) => [`/sources ${s.id}`, `/sources ${s.id} 2`]);
  return [...bySubject, ...bySource, '/sources', '/disputed', '/disputed 2', '/disputed 3', '/help'];
}

describe('every answer’s summary fits one chat message', () => {
  test.each(['en', 'id'] as const)('every command × every subject in %s', async (locale) => {
    const asked = questions();
    expect(asked.length).toBeGreaterThan(90);
    for (const q of asked) {
      const answer: Answer = await ask(core, q, locale);
      const telegram = renderTelegram(answer, 'summary');
      expect(telegram, `${q}: Telegram messages`).toHaveLength(1);
      expect(parsedLength(telegram[0] ?? ''), q).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      const discord = renderDiscord(answer, 'summary');
      expect(discord.pages, `${q}: Discord pages`).toBe(1);
      expect(discord.embeds.length, q).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
      expect(
        discord.embeds.reduce((n, e) => n + embedLength(e), 0),
        q,
      ).toBeLessThanOrEqual(EMBED_LIMITS.total);
      if (answer.conclusion !== undefined) expect(answer.conclusion.length, q).toBeLessThanOrEqual(300);
      const figures = answerFigures(answer);
      // A subject's first figure is the best-supported one it has (lists such as /disputed keep their own
      // order); no answer ever opens with a deprecated one.
      if (answer.kind === 'figures' && figures.some((f) => f.rank === 'preferred'))
        expect(figures[0]?.rank, q).toBe('preferred');
      expect(figures[0]?.rank, q).not.toBe('deprecated');
    }
  });

  test('figure answers open with a one-sentence conclusion in the answer language', async () => {
    const en = await ask(core, '/chips deepseek', 'en');
    const id = await ask(core, '/chips deepseek', 'id');
    expect(en.conclusion).toMatch(/^R1's reasoning stages ran on 512 Nvidia H800 GPUs/);
    expect(id.conclusion).toMatch(/^Tahap penalaran R1 berjalan di 512 GPU Nvidia H800/);
    const [message] = renderTelegram(en, 'summary');
    // The conclusion comes right after the title, before any figure.
    expect(message?.split('\n\n')[1]).toBe(en.conclusion?.replace(/'/g, "'"));
  });

  test('the summary shows one source per figure; the rest are behind the buttons', async () => {
    const [summary] = renderTelegram(await ask(core, '/cost r1', 'en'), 'summary');
    expect(summary).toContain('Nature</a> (17 September 2025) +3');
    expect(summary).not.toContain('Mestios');
    const more = renderTelegram(await ask(core, '/cost r1', 'en'), 'more').join('\n');
    expect(more).toContain('Mestios');
    expect(more).toContain('Some in the US doubt');
  });

  test('/disputed and /sources <id> page through their figures: every view of every page is one message', async () => {
    for (const locale of ['en', 'id'] as const) {
      const first = expectKind(await ask(core, '/disputed', locale), 'list');
      const count = first.page?.count ?? 1;
      expect(count).toBeGreaterThan(1);
      const seen: string[] = [];
      for (let n = 1; n <= count; n++) {
        const page = expectKind(await ask(core, `/disputed ${n}`, locale), 'list');
        expect(page.page).toEqual({ number: n, count });
        seen.push(...page.figures.map((f) => f.id));
        // Buttons edit the message in place, so each view of a page must fit in one message too.
        for (const view of ['summary', 'more', 'sources', 'disputes'] as const)
          expect(renderTelegram(page, view), `/disputed ${n} ${view}`).toHaveLength(1);
        if (n < count) expect(page.suggestions[0]).toBe(`/disputed ${n + 1}`);
      }
      expect(seen).toEqual(
        core
          .knowledge()
          .disputedFigures()
          .map((f) => f.id),
      );
    }
    const typed = expectKind(await ask(core, '/sources trenasia 2', 'en'), 'list');
    expect([typed.sources[0]?.id, typed.page?.number]).toEqual(['trenasia-2025-09-19', 2]);
  });
});
