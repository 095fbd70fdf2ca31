import { t } from '../core/i18n/index.js';
import type { Locale } from '../knowledge/schema.js';
import { ICON_PATH, STYLESHEET_PATH } from './assets.js';
import { href, type PageContext } from './context.js';
import { html, type Html } from './html.js';
import { htmlResponse, type WebResponse } from './response.js';
import { pagePath } from '../core/links.js';

const LANGUAGES: readonly { locale: Locale; label: string }[] = [
  { locale: 'en', label: 'English' },
  { locale: 'id', label: 'Bahasa Indonesia' },
];

/** The same page in another language: the current query with `lang` replaced. */
function languageHref(ctx: PageContext, locale: Locale): string {
  const query = new URLSearchParams(ctx.query);
  query.set('lang', locale);
  return `${ctx.path}?${query.toString()}`;
}

export interface PageOptions {
  title: string;
  body: Html;
  status?: number;
  /** JSON-LD blocks for the head (already made safe by `jsonForScript`). */
  jsonLd?: Html;
  /** Extra response headers, e.g. WWW-Authenticate. */
  headers?: Record<string, string>;
}

/** A whole page: landmarks, the language switch, navigation, the content and the data links. */
export function page(ctx: PageContext, o: PageOptions): WebResponse {
  const { locale } = ctx;
  const nav = [
    { path: pagePath.home(), label: t(locale, 'web.home') },
    { path: pagePath.sources(), label: t(locale, 'answer.sourcesTitle') },
    { path: pagePath.disputed(), label: t(locale, 'answer.disputedTitle') },
    { path: '/check', label: t(locale, 'web.checkTitle') },
  ];
  const canonical = `${ctx.deps.publicUrl.replace(/\/+$/, '')}${ctx.path}`;
  const body = html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · factdesk</title>
        <meta name="description" content="${t(locale, 'web.tagline')}" />
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
        <link rel="icon" href="${ICON_PATH}" type="image/svg+xml" />
        <link rel="canonical" href="${canonical}" />
        ${o.jsonLd}
      </head>
      <body>
        <a class="skip" href="#content">${t(locale, 'web.skip')}</a>
        <header>
          <a class="brand" href="${href(ctx, '/')}">factdesk</a>
          <nav aria-label="${t(locale, 'web.nav')}">
            <ul>
              ${nav.map(
                (n) =>
                  html`<li>
                    <a href="${href(ctx, n.path)}" ${n.path === ctx.path ? html` aria-current="page"` : ''}
                      >${n.label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          <nav class="lang" aria-label="${t(locale, 'web.language')}">
            <ul>
              ${LANGUAGES.map(
                (l) =>
                  html`<li>
                    <a
                      href="${languageHref(ctx, l.locale)}"
                      hreflang="${l.locale}"
                      lang="${l.locale}"
                      ${l.locale === locale ? html` aria-current="true"` : ''}
                      >${l.label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </header>
        <main id="content">
          <h1>${o.title}</h1>
          ${o.body}
        </main>
        <footer>
          <p>${t(locale, 'web.tagline')}</p>
          <p>
            ${t(locale, 'web.dataFooter')}: <a href="/api/openapi.json">${t(locale, 'web.apiLink')}</a> ·
            <a href="/claimreview.json">${t(locale, 'web.feedLink')}</a>
          </p>
        </footer>
      </body>
    </html> `;
  return htmlResponse(o.status ?? 200, body.value, { 'content-language': locale, ...o.headers });
}
