import type { CitationView, DisputeView, FigureView } from '../core/answer.js';
import { t } from '../core/i18n/index.js';
import { pagePath } from '../core/links.js';
import type { Figure } from '../knowledge/schema.js';
import { href, type PageContext } from './context.js';
import { html, safeHref, type Html } from './html.js';

/** Figure ranks, best first; a figure without one is `normal`. */
export const RANKS = ['preferred', 'normal', 'deprecated'] as const;
export type Rank = (typeof RANKS)[number];

/** A figure's rank when the knowledge gives one (the field is optional and may not exist yet). */
export function rankOf(figure: Figure): Rank | undefined {
  const rank: unknown = (figure as { rank?: unknown }).rank;
  return RANKS.find((r) => r === rank);
}

/** Preferred figures first, deprecated last, otherwise in the knowledge's order. */
export function byRank(figures: readonly Figure[]): Figure[] {
  const order = (f: Figure) => RANKS.indexOf(rankOf(f) ?? 'normal');
  return figures
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f) - order(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export function statusBadge(f: Pick<FigureView, 'status' | 'statusLabel'>): Html {
  return html`<span class="badge s-${f.status}">${f.statusLabel}</span>`;
}

/** One citation: outlet and date linking to the article, where in it, and the quote in its own language. */
export function citation(ctx: PageContext, c: CitationView, withQuote: boolean): Html {
  const source = html`<a href="${href(ctx, pagePath.source(c.source))}">${c.outlet}</a>, ${c.published}`;
  const article = c.url
    ? html` · <a href="${safeHref(c.url)}" rel="noopener">${t(ctx.locale, 'web.readArticle')}</a>`
    : '';
  const where = c.where === undefined ? '' : html` · ${c.where}`;
  if (!withQuote) return html`<li>${source}${where}${article}</li>`;
  const quote =
    c.quote !== undefined
      ? html`<blockquote lang="${c.language}">${c.quote}</blockquote>`
      : html`<blockquote>(${t(ctx.locale, 'answer.summary')}) ${c.paraphrase ?? ''}</blockquote>`;
  return html`<li>${source}${where}${article}${quote}</li>`;
}

/** The other side of a disagreement, cited, with why the two differ. */
export function dispute(ctx: PageContext, d: DisputeView, n: number, withQuotes: boolean): Html {
  return html`<div class="dispute" id="dispute-${n}">
    <p><strong>${t(ctx.locale, 'web.otherSide')}</strong> (${d.kindLabel}): ${d.says}</p>
    <ul class="plain">
      ${d.citations.map((c) => citation(ctx, c, withQuotes))}
    </ul>
    <p><strong>${t(ctx.locale, 'answer.why')}:</strong> ${d.reason}</p>
  </div>`;
}

function valueLine(f: FigureView): Html {
  const equivalents =
    f.equivalents.length > 0 ? html` <span class="muted">(≈ ${f.equivalents.join(', ')})</span>` : '';
  return html`<p><span class="value">${f.value}</span>${equivalents} ${statusBadge(f)}</p>`;
}

/** A figure in a list: value, status, scope, sources and each disagreement, linking to its own page. */
export function figureCard(ctx: PageContext, f: FigureView, headingLevel: 2 | 3 = 2): Html {
  const title = t(ctx.locale, 'web.figureTitle', { subject: f.subject.name, property: f.propertyLabel });
  const link = html`<a href="${href(ctx, pagePath.figure(f.id))}">${title}</a>`;
  return html`<article class="card" aria-labelledby="h-${f.id}">
    ${headingLevel === 2 ? html`<h2 id="h-${f.id}">${link}</h2>` : html`<h3 id="h-${f.id}">${link}</h3>`}
    ${valueLine(f)}
    <p><strong>${t(ctx.locale, 'answer.scope')}:</strong> ${f.scope}</p>
    <p><strong>${t(ctx.locale, 'answer.citedBy')}:</strong></p>
    <ul>
      ${f.citations.map((c) => citation(ctx, c, false))}
    </ul>
    ${f.disputes.map((d, i) => dispute(ctx, d, i + 1, false))}
  </article>`;
}

/** Everything about one figure: value and qualifiers, every citation with its quote, disputes in full. */
export function figureDetail(ctx: PageContext, f: FigureView, figure: Figure): Html {
  const { locale } = ctx;
  const rank = rankOf(figure);
  const also = figure.also_about
    .map((id) => ctx.kb.entity(id))
    .filter((e) => e !== undefined)
    .map((e, i) => html`${i > 0 ? ', ' : ''}<a href="${href(ctx, pagePath.subject(e.id))}">${e.name}</a>`);
  return html`${valueLine(f)}
    <dl>
      <dt>${t(locale, 'web.status')}</dt>
      <dd>${statusBadge(f)}</dd>
      ${
        rank
          ? html`<dt>${t(locale, 'web.rank')}</dt>
              <dd>${t(locale, `web.ranks.${rank}`)}</dd>`
          : ''
      }
      <dt>${t(locale, 'answer.scope')}</dt>
      <dd>${f.scope}</dd>
      <dt>${t(locale, 'answer.asOf')}</dt>
      <dd>${f.asOf}</dd>
      ${
        f.equivalents.length > 0
          ? html`<dt>${t(locale, 'web.equivalents')}</dt>
              <dd>${f.equivalents.join(', ')}</dd>`
          : ''
      }
      ${
        f.breakdown !== undefined
          ? html`<dt>${t(locale, 'answer.breakdown')}</dt>
              <dd>${f.breakdown}</dd>`
          : ''
      }
      <dt>${t(locale, 'web.subject')}</dt>
      <dd><a href="${href(ctx, pagePath.subject(f.subject.id))}">${f.subject.name}</a></dd>
      ${
        also.length > 0
          ? html`<dt>${t(locale, 'web.alsoAbout')}</dt>
              <dd>${also}</dd>`
          : ''
      }
    </dl>
    <h2>${t(locale, 'answer.citedBy')}</h2>
    <ul class="plain">
      ${f.citations.map((c) => citation(ctx, c, true))}
    </ul>
    ${
      f.disputes.length > 0
        ? html`<h2 id="disputes">${t(locale, 'answer.disputes')}</h2>
            ${f.disputes.map((d, i) => dispute(ctx, d, i + 1, true))}`
        : ''
    }`;
}
