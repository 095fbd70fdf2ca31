import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { t } from '../core/i18n/index.js';
import type { PageContext } from './context.js';
import { html } from './html.js';
import { page } from './layout.js';
import type { WebResponse } from './response.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether the request presents the admin token, as `Authorization: Bearer <token>` or as the password of
 * Basic authentication (so a browser can ask for it without any script). Compared in constant time.
 */
export function presentsToken(headers: IncomingHttpHeaders, token: string | undefined): boolean {
  if (token === undefined) return false;
  const header = headers.authorization ?? '';
  let given: string | undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (bearer) given = bearer[1];
  else if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    given = decoded.slice(decoded.indexOf(':') + 1);
  }
  // Hashing first makes both sides the same length, so the comparison time says nothing about the token.
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** `/gaps`: for moderators only, the most asked questions the knowledge could not answer. */
export async function gapsPage(ctx: PageContext): Promise<WebResponse> {
  const { locale } = ctx;
  if (!presentsToken(ctx.headers, ctx.deps.adminToken)) {
    return page(ctx, {
      status: 401,
      title: t(locale, 'web.gapsTitle'),
      headers: {
        'www-authenticate': 'Basic realm="factdesk moderators", charset="UTF-8"',
        'cache-control': 'no-store',
      },
      body: html`<p>${t(locale, 'web.unauthorized')}</p>`,
    });
  }
  const gaps = (await ctx.deps.gaps?.top(100)) ?? [];
  return page(ctx, {
    title: t(locale, 'web.gapsTitle'),
    headers: { 'cache-control': 'no-store' },
    body: html`<p>${t(locale, 'web.gapsIntro')}</p>
      ${
        gaps.length === 0
          ? html`<p>${t(locale, 'web.noGaps')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${t(locale, 'web.gapsQuestion')}</th>
                  <th scope="col">${t(locale, 'web.gapsCount')}</th>
                </tr>
              </thead>
              <tbody>
                ${gaps.map(
                  (g) =>
                    html`<tr>
                      <td>${g.text}</td>
                      <td>${g.count}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`,
  });
}
