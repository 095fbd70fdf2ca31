import { t } from '../core/i18n/index.js';
import { WEB_ACTOR } from './api.js';
import type { PageContext } from './context.js';
import { html } from './html.js';
import { page } from './layout.js';
import { figureCard } from './parts.js';
import type { WebResponse } from './response.js';

/** `/check?q=`: the /check form and, with a statement, its verdict, reasoning and each figure it was judged against. */
export async function checkPage(ctx: PageContext): Promise<WebResponse> {
  const { locale } = ctx;
  const q = (ctx.query.get('q') ?? '').trim();
  const form = html`<form action="/check" method="get">
    <div class="field">
      <label for="q">${t(locale, 'web.checkLabel')}</label>
      <input
        type="text"
        id="q"
        name="q"
        value="${q.slice(0, 1000)}"
        maxlength="1000"
        aria-describedby="q-hint"
        required
      />
    </div>
    ${ctx.chosen ? html`<input type="hidden" name="lang" value="${locale}" />` : ''}
    <button type="submit">${t(locale, 'web.checkButton')}</button>
    <p class="hint" id="q-hint">${t(locale, 'web.checkHint')}</p>
  </form>`;
  if (!q) return page(ctx, { title: t(locale, 'web.checkTitle'), body: form });
  const answer = await ctx.deps.core.dispatch({
    command: 'check',
    args: { statement: q.slice(0, 5000) },
    actor: WEB_ACTOR,
    locale,
  });
  if (answer.kind !== 'check') {
    const message = answer.kind === 'error' ? answer.message : answer.title;
    return page(ctx, {
      title: t(locale, 'web.checkTitle'),
      status: 400,
      body: html`${form}
        <p role="alert">${message}</p>`,
    });
  }
  return page(ctx, {
    title: answer.title,
    body: html`${form}
      <section class="card" aria-labelledby="verdict">
        <h2 id="verdict"><span class="badge v-${answer.verdict}">${answer.verdictLabel}</span></h2>
        <p>${answer.reasoning}</p>
      </section>
      ${
        answer.figures.length > 0
          ? html`<h2>${t(locale, 'web.checkedAgainst')}</h2>
              ${answer.figures.map((f) => figureCard(ctx, f, 3))}`
          : ''
      }`,
  });
}
