import { describe, expect, test } from 'vitest';
import { renderText } from '../../src/adapters/console/render.js';
import { renderDiscord } from '../../src/adapters/discord/render.js';
import { renderTelegram } from '../../src/adapters/telegram/render.js';
import { KNOWLEDGE_DIR } from '../helpers.js';
import { coreFor, PUBLIC_URL } from './fixture.js';

const actor = { platform: 'console' as const, userId: 'x' };

describe('chat answers link to their page when PUBLIC_URL is set', () => {
  test('GIVEN each kind of answer THEN the link names the figure, subject, check or list page in the answer language', async () => {
    const { core } = await coreFor(KNOWLEDGE_DIR, { publicUrl: `${PUBLIC_URL}/` });
    const link = async (line: string, locale: 'en' | 'id' = 'en') =>
      (await core.dispatchLine(line, actor, { locale })).link;
    expect(await link('/cost r1')).toBe(`${PUBLIC_URL}/s/deepseek-r1`);
    expect(await link('/cost gpt-4o')).toBe(`${PUBLIC_URL}/f/gpt-4o-training-cost`);
    expect(await link('/chips r1', 'id')).toBe(`${PUBLIC_URL}/s/deepseek-r1?lang=id`);
    expect(await link('/check R1 cost $6 million', 'id')).toBe(
      `${PUBLIC_URL}/check?q=R1%20cost%20%246%20million&lang=id`,
    );
    expect(await link('/disputed')).toBe(`${PUBLIC_URL}/disputed`);
    expect(await link('/check R1 (the model) cost $6m')).toBe(
      `${PUBLIC_URL}/check?q=R1%20%28the%20model%29%20cost%20%246m`,
    );
    expect(await link('/sources trenasia')).toBe(`${PUBLIC_URL}/sources/trenasia-2025-09-19`);
    expect(await link('/help')).toBeUndefined();
    expect(await link('/cost qwen 9000')).toBeUndefined();
  });

  test('GIVEN a link THEN the console, Telegram and Discord show “Full details” / “Selengkapnya” on its own line', async () => {
    const { core } = await coreFor(KNOWLEDGE_DIR, { publicUrl: PUBLIC_URL });
    const en = await core.dispatchLine('/chips r1', actor, { locale: 'en' });
    const id = await core.dispatchLine('/chips r1', actor, { locale: 'id' });
    expect(renderText(en)).toContain(`\nFull details: ${PUBLIC_URL}/s/deepseek-r1\n`);
    expect(renderTelegram(id)[0]).toContain(
      `\n\n🔗 <a href="${PUBLIC_URL}/s/deepseek-r1?lang=id">Selengkapnya</a>\n\n`,
    );
    expect(renderDiscord(en).embeds[0]?.description).toContain(
      `🔗 [Full details](${PUBLIC_URL}/s/deepseek-r1)`,
    );
  });

  test('GIVEN no PUBLIC_URL THEN answers carry no link and render as before', async () => {
    const { core } = await coreFor(KNOWLEDGE_DIR);
    const answer = await core.dispatchLine('/cost r1', actor);
    expect(answer.link).toBeUndefined();
    expect(renderText(answer)).not.toContain('Full details');
  });
});
