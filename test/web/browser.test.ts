import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../helpers.js';
import { HOSTILE, hostileKnowledgeDir, startSite } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = path.join(ROOT, 'test-output');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(`${CHROMIUM} is missing; CI must install Debian's chromium package (see .ci/run)`);
if (!available)
  process.stdout.write(
    `\n[factdesk] ${CHROMIUM} is missing: the browser tests are SKIPPED (apt-get install -y chromium)\n\n`,
  );

let browser: Browser;
let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  if (!available) return;
  await mkdir(OUTPUT, { recursive: true });
  site = await startSite(await hostileKnowledgeDir());
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.server.close();
});

/** A fresh page that records every console error, page error, dialog and failed request. */
async function openPage(width = 1000): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // A request cancelled because the test moved on to the next page (ERR_ABORTED) is not a fault of the site.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()}`);
  });
  return { page, problems };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });

describe.skipIf(!available)('the site in headless Chromium', () => {
  test('search r1, read its figure with sources, switch to Indonesian, check a statement, follow a dispute', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${site.server.url}/`);
    await shot(page, 'home');

    // Keyboard users land on the skip link first.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | null>('document.activeElement.textContent')).toBe(
      'Skip to the content',
    );

    await page.getByLabel('Subject, alias or question').fill('r1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/s/deepseek-r1');
    // Preferred figures come first: the first R1 cost on the page is the $294,000.
    const cost = page.getByRole('article').filter({ hasText: 'DeepSeek-R1, training cost' }).first();
    await expect.poll(() => cost.innerText()).toContain('about $294,000');
    const sources = await cost.getByRole('listitem').allInnerTexts();
    expect(sources.join('\n')).toMatch(/Nature[\s\S]*TrenAsia/);
    await shot(page, 'subject');

    await page.getByRole('link', { name: 'DeepSeek-R1, training cost' }).first().click();
    await page.waitForURL('**/f/r1-training-cost');
    expect(await page.locator('blockquote[lang="id"]').first().innerText()).toContain('US$294.000');
    await shot(page, 'figure');

    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    await page.waitForURL('**/f/r1-training-cost?lang=id');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.locator('main').innerText()).toContain('sekitar US$294.000');
    await shot(page, 'figure-id');

    await page.getByRole('link', { name: 'Cek pernyataan' }).click();
    await page.getByLabel('Kalimat berisi angka').fill('Biaya latih R1 US$5,6 juta');
    await page.getByRole('button', { name: 'Cek' }).click();
    await page.waitForURL('**/check?q=*');
    expect(await page.locator('#verdict').innerText()).toBe('Menyesatkan');
    expect(await page.locator('main').innerText()).toContain('DeepSeek-V3');
    await shot(page, 'check');

    await page.getByRole('link', { name: 'Angka yang sumbernya tidak sepakat' }).click();
    await page.waitForURL('**/disputed?lang=id');
    await shot(page, 'disputed');
    await page.getByRole('link', { name: 'DeepSeek-R1, GPU yang dipakai', exact: true }).first().click();
    await page.waitForURL('**/f/r1-gpu-count?lang=id');
    const dispute = page.locator('#dispute-1');
    expect(await dispute.innerText()).toMatch(/Kata pihak lain[\s\S]*Mengapa:/);

    await page.getByRole('link', { name: 'Sumber', exact: true }).click();
    await shot(page, 'sources');
    await page.getByRole('link', { name: 'TrenAsia' }).click();
    await page.waitForURL('**/sources/trenasia-2025-09-19?lang=id');
    await shot(page, 'source');

    expect(problems).toEqual([]);
  });

  test('a figure whose texts hold <script> shows them as text, runs nothing, and its JSON-LD raises no CSP error', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${site.server.url}/f/evil-training-cost`);
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Scope ${HOSTILE}`);
    expect(main).toContain(`Quote ${HOSTILE}`);
    expect(await page.locator('body script').count()).toBe(0);
    expect(await page.locator('head script[type="application/ld+json"]').count()).toBe(1);
    await shot(page, 'hostile');
    expect(problems).toEqual([]);
  });

  test('on a phone-sized screen no page scrolls sideways', async () => {
    const { page, problems } = await openPage(360);
    for (const p of [
      '/',
      '/s/deepseek',
      '/f/r1-training-cost',
      '/disputed',
      '/sources',
      '/check?q=R1%20cost%20%246%20million',
    ]) {
      await page.goto(`${site.server.url}${p}`);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), p).toBeLessThanOrEqual(360);
    }
    await shot(page, 'phone');
    expect(problems).toEqual([]);
  });
});
