import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnswerSchema } from '../../src/core/answer.js';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { t } from '../../src/core/i18n/index.js';
import { CONTENT_SECURITY_POLICY } from '../../src/web/response.js';
import { STYLESHEET_PATH } from '../../src/web/assets.js';
import { KNOWLEDGE_DIR } from '../helpers.js';
import { cleanEnv, runNode } from '../process.js';
import { HOSTILE, HOSTILE_CLOSE, hostileKnowledgeDir, PUBLIC_URL, startSite } from './fixture.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let hostile: Site;

beforeAll(async () => {
  site = await startSite(KNOWLEDGE_DIR, { adminToken: 'moderator-token-0123456789' });
  hostile = await startSite(await hostileKnowledgeDir());
});
afterAll(async () => {
  await site.server.close();
  await hostile.server.close();
});

/** The text a reader sees in the main landmark, tags dropped and entities decoded. */
function mainText(page: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '';
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Every page of the site over the real knowledge. */
function everyPage(s: Site): string[] {
  const kb = s.core.knowledge();
  return [
    '/',
    '/?q=biaya%20latih%20gpt-4',
    '/?q=nothing%20like%20this',
    '/sources',
    '/disputed',
    '/check',
    '/check?q=R1%20cost%20%246%20million',
    ...kb.entities.map((e) => `/s/${e.id}`),
    ...kb.figures.map((f) => `/f/${f.id}`),
    ...kb.sources.map((x) => `/sources/${x.id}`),
  ];
}

describe('pages', () => {
  test('GIVEN the R1 subject page THEN it shows $294,000 with the outlets that reported it, linked', async () => {
    const res = await site.get('/s/deepseek-r1');
    expect(res.status).toBe(200);
    const page = await res.text();
    const text = mainText(page);
    expect(text).toContain('DeepSeek-R1');
    expect(text).toContain('about $294,000');
    for (const outlet of ['Nature', 'TrenAsia', 'Mestios']) expect(text).toContain(outlet);
    expect(page).toContain('href="/f/r1-training-cost"');
    expect(page).toContain('href="https://www.trenasia.id/');
  });

  test('GIVEN a search THEN a subject name redirects to its page and free text is answered like /fact', async () => {
    const r1 = await site.get('/?q=r1');
    expect(r1.status).toBe(303);
    expect(r1.headers.get('location')).toBe('/s/deepseek-r1');
    const alias = await site.get('/s/r1?lang=id');
    expect(alias.headers.get('location')).toBe('/s/deepseek-r1?lang=id');
    const text = mainText(await (await site.get('/?q=biaya%20latih%20gpt-4')).text());
    expect(text).toContain('GPT-4, training cost');
    expect(text).toContain('$100 million');
  });

  test('GIVEN a figure page THEN it shows every citation with its quote in the source language, both sides of each dispute and why', async () => {
    const page = await (await site.get('/f/r1-gpu-count')).text();
    const text = mainText(page);
    expect(page).toContain(
      '<blockquote lang="id">pelatihan R1 dilakukan dengan menggunakan 512 chip Nvidia H800',
    );
    expect(text).toContain('Sources disagree');
    expect(text).toContain('R1 was trained on a large cluster of 50,000 Hopper GPUs');
    expect(text).toMatch(/Why: .+/);
    expect(text).toContain('Change history');
  });

  test('GIVEN a figure with notes or a deprecated rank THEN notes are shown apart from disputes, and the reason is given', async () => {
    const cost = mainText(await (await site.get('/f/r1-training-cost')).text());
    expect(cost).toContain('Notes');
    expect(cost).toContain('Some in the US doubt a cost this low');
    expect(cost).not.toContain('Sources disagree');
    expect(cost).toContain("R1's reasoning stages cost about $294,000");
    const claim = mainText(await (await site.get('/f/r1-gpu-count-50000-claim')).text());
    expect(claim).toMatch(/Rank\s*deprecated/);
    expect(claim).toContain('Not for this scope');
  });

  test('GIVEN /check?q= THEN the verdict, its reasoning and the figure it was judged against are shown', async () => {
    const text = mainText(await (await site.get('/check?q=R1%20cost%20%245.6%20million')).text());
    expect(text).toContain(t('en', 'check.verdicts.misleading'));
    expect(text).toContain('DeepSeek-V3');
    expect(text).toContain(t('en', 'web.checkedAgainst'));
  });

  test('GIVEN a statement over the limit THEN /check answers a polite 400 in the page language', async () => {
    const res = await site.get(`/check?lang=id&q=${'a'.repeat(1500)}`);
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain(t('id', 'errors.tooLong', { length: 1500, max: 1000 }));
  });

  test('GIVEN /sources and /disputed THEN they list every source and every disputed figure', async () => {
    const kb = site.core.knowledge();
    const sources = await (await site.get('/sources')).text();
    for (const s of kb.sources) expect(sources).toContain(`href="/sources/${s.id}"`);
    const disputed = await (await site.get('/disputed')).text();
    for (const f of kb.disputedFigures()) expect(disputed).toContain(`href="/f/${f.id}"`);
  });

  test('GIVEN unknown paths and methods THEN 404 pages and 405', async () => {
    expect((await site.get('/f/no-such-figure')).status).toBe(404);
    expect((await site.get('/nowhere')).status).toBe(404);
    expect((await site.get('/s/%E0%A4%A')).status).toBe(404);
    const post = await fetch(`${site.server.url}/check`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect((await site.get('/healthz')).status).toBe(200);
  });

  test('GIVEN every page in both languages THEN each is at most 60 KB and carries the security headers and the language switch', async () => {
    for (const path of everyPage(site)) {
      for (const lang of ['en', 'id']) {
        const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const res = await site.get(url);
        const body = await res.text();
        expect(res.status, url).toBeLessThan(400);
        expect(Buffer.byteLength(body), url).toBeLessThanOrEqual(60 * 1024);
        expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
        expect(body).toContain(`<html lang="${lang}">`);
        expect(body).toContain('hreflang="id"');
        expect(body).toContain('hreflang="en"');
        expect(body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
      }
    }
  });

  test('GIVEN HEAD and a CORS preflight THEN headers without a body, and GET allowed from any origin', async () => {
    const head = await fetch(`${site.server.url}/f/r1-training-cost`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
    const preflight = await fetch(`${site.server.url}/api/answer`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET');
  });

  test('GIVEN the stylesheet THEN it is CSS cached for a year under a content-hashed name', async () => {
    const res = await site.get(STYLESHEET_PATH);
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(res.headers.get('cache-control')).toContain('max-age=31536000');
    expect(await res.text()).toContain('font');
  });
});

describe('languages', () => {
  test('GIVEN ?lang=id THEN the page is Indonesian and internal links keep the choice', async () => {
    const page = await (await site.get('/s/deepseek-r1?lang=id')).text();
    expect(mainText(page)).toContain('sekitar US$294.000');
    expect(page).toContain('href="/f/r1-training-cost?lang=id"');
  });

  test('GIVEN only Accept-Language THEN it picks the best language we have by q-value', async () => {
    const id = await site.get('/disputed', { 'accept-language': 'fr;q=1, id-ID;q=0.9, en;q=0.5' });
    expect(id.headers.get('content-language')).toBe('id');
    expect(mainText(await id.text())).toContain(t('id', 'answer.disputedTitle'));
    const en = await site.get('/disputed', { 'accept-language': 'id;q=0.2, en-GB' });
    expect(en.headers.get('content-language')).toBe('en');
    const query = await site.get('/disputed?lang=en', { 'accept-language': 'id' });
    expect(query.headers.get('content-language')).toBe('en');
  });
});

describe('escaping', () => {
  test('GIVEN knowledge text holding <script> THEN every page shows it as text and no markup gets through', async () => {
    for (const path of [
      '/s/evil-model',
      '/f/evil-training-cost',
      '/sources/evil-times-2025-10-01',
      '/disputed',
      '/',
    ]) {
      const page = await (await hostile.get(path)).text();
      const body = page.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '');
      expect(body, path).not.toContain('<script>');
      expect(body, path).not.toContain('<b>Times');
      expect(body, path).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    }
    const text = mainText(await (await hostile.get('/f/evil-training-cost')).text());
    expect(text).toContain(`Scope ${HOSTILE}`);
    expect(text).toContain(`Quote ${HOSTILE}`);
  });

  test('GIVEN a dispute holding </script> THEN the JSON-LD block cannot be closed early and parses back to the text', async () => {
    const page = await (await hostile.get('/f/evil-training-cost')).text();
    const blocks = [...page.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    const reviews = JSON.parse(blocks[0]![1]!) as { claimReviewed: string }[];
    expect(reviews[0]!.claimReviewed).toBe(`It cost $2,000 ${HOSTILE_CLOSE}`);
  });

  test('GIVEN a search for markup THEN the query is echoed as text', async () => {
    const page = await (
      await hostile.get(`/?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)
    ).text();
    expect(page).not.toContain('<img');
    expect(page).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });
});

describe('JSON API', () => {
  test('GIVEN /api/answer THEN it returns exactly the Answer the core gives (the --json contract), with CORS', async () => {
    const res = await site.get('/api/answer?q=/cost%20r1&lang=id');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body: unknown = await res.json();
    const expected = await site.core.dispatchLine(
      '/cost r1',
      { platform: 'web', userId: 'web' },
      { locale: 'id' },
    );
    expect(AnswerSchema.parse(body)).toEqual(expected);
    expect(JSON.stringify(body)).toContain('sekitar US$294.000');
  });

  test('GIVEN the same question THEN /api/answer and factdesk ask --json print the same Answer', async () => {
    const cli = await runNode(
      'bin/factdesk.js',
      ['ask', '/check R1 cost $5.6 million', '--json', '--lang', 'id'],
      {
        env: cleanEnv({ STORE_URL: 'memory://' }),
        timeoutMs: 30_000,
      },
    );
    expect(cli.code).toBe(0);
    const api = await site.get(`/api/answer?q=${encodeURIComponent('/check R1 cost $5.6 million')}&lang=id`);
    expect(await api.json()).toEqual(JSON.parse(cli.stdout));
  });

  test('GIVEN bad or state-changing requests THEN error answers with 400 and 403', async () => {
    const missing = await site.get('/api/answer?q=hello');
    expect(missing.status).toBe(400);
    expect(AnswerSchema.parse(await missing.json()).kind).toBe('error');
    const kb = await site.get('/api/answer?q=/kb%20reload');
    expect(kb.status).toBe(403);
    expect(await kb.json()).toMatchObject({ kind: 'error', code: 'notAllowed' });
    const lang = await site.get('/api/answer?q=/lang%20id');
    expect(lang.status).toBe(403);
  });

  test('GIVEN /api/figures/<id> THEN the figure as answers show it, 404 JSON otherwise', async () => {
    const res = await site.get('/api/figures/r1-training-cost?lang=en');
    expect(await res.json()).toMatchObject({
      id: 'r1-training-cost',
      value: 'about $294,000',
      status: 'confirmed',
    });
    const missing = await site.get('/api/figures/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  test('GIVEN the OpenAPI file THEN every documented path answers with a documented status and JSON, and every Answer kind is described', async () => {
    const spec = (await (await site.get('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        { get: { responses: Record<string, unknown>; parameters: { name: string; example?: string }[] } }
      >;
      components: { schemas: { Answer: { oneOf: { properties: { kind: { const: string } } }[] } } };
    };
    expect(spec.openapi).toMatch(/^3\.1\./);
    for (const [path, item] of Object.entries(spec.paths)) {
      const example = item.get.parameters.find((p) => p.example !== undefined);
      const url =
        path.includes('{id}') && example?.example
          ? path.replace('{id}', example.example)
          : example?.example
            ? `${path}?${example.name}=${encodeURIComponent(example.example)}`
            : path;
      const res = await site.get(url);
      expect(Object.keys(item.get.responses), url).toContain(String(res.status));
      expect(res.headers.get('content-type'), url).toMatch(/json/);
    }
    const kinds = spec.components.schemas.Answer.oneOf.map((o) => o.properties.kind.const);
    expect(kinds.sort()).toEqual(AnswerSchema.options.map((o) => o.shape.kind.value).sort());
  });
});

describe('administrators', () => {
  test('GIVEN /gaps THEN only the admin token (Bearer or Basic) opens it, and it lists counted misses', async () => {
    const none = await site.get('/gaps');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await site.get('/gaps', { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);

    await site.get('/api/answer?q=/cost%20qwen%209000');
    await site.get('/api/answer?q=/cost%20QWEN%20%209000');
    const bearer = { authorization: 'Bearer moderator-token-0123456789' };
    await expect
      .poll(async () => mainText(await (await site.get('/gaps', bearer)).text()), { timeout: 5000 })
      .toContain('/cost qwen 9000 2');
    const basic = {
      authorization: `Basic ${Buffer.from('anyone:moderator-token-0123456789').toString('base64')}`,
    };
    expect((await site.get('/gaps', basic)).status).toBe(200);
  });

  test('GIVEN no WEB_ADMIN_TOKEN THEN nobody sees /gaps', async () => {
    expect((await hostile.get('/gaps', { authorization: 'Bearer ' })).status).toBe(401);
    expect((await hostile.get('/gaps', { authorization: 'Bearer undefined' })).status).toBe(401);
  });
});

test('GIVEN PUBLIC_URL THEN canonical links use it', async () => {
  expect(await (await site.get('/sources')).text()).toContain(
    `<link rel="canonical" href="${PUBLIC_URL}/sources"`,
  );
});

test('GIVEN a new knowledge snapshot (a moderator’s change) THEN pages show it at once', async () => {
  const { core } = hostile;
  const before = core.knowledge();
  expect(await (await hostile.get('/f/evil-gpu-count')).text()).toContain('10 GPUs');
  const figures = before.figures.map((f) =>
    f.id === 'evil-gpu-count' && f.value.type === 'amount' ? { ...f, value: { ...f.value, amount: 12 } } : f,
  );
  core.setKnowledge(
    new KnowledgeIndex({
      sources: [...before.sources],
      entities: [...before.entities],
      figures,
      rates: [...before.rates],
      changes: [],
    }),
  );
  try {
    expect(await (await hostile.get('/f/evil-gpu-count')).text()).toContain('12 GPUs');
  } finally {
    core.setKnowledge(before);
  }
});
