import type { CitationView, DisputeView, FigureView, NoteView } from '../core/answer.js';
import { t } from '../core/i18n/index.js';
import { pagePath } from '../core/links.js';
import type { Figure } from '../knowledge/schema.js';
import { href, type PageContext } from './context.js';
import { html, safeHref, type Html } from './html.js';

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

/** Context that is not a disagreement (doubt without a figure, a rounded headline), cited. */
function note(ctx: PageContext, n: NoteView): Html {
  return html`<div class="note">
    <p><strong>${n.kindLabel}</strong>: ${n.says}${n.reason === undefined ? '' : html` ${n.reason}`}</p>
    <ul class="plain">
      ${n.citations.map((c) => citation(ctx, c, true))}
    </ul>
  </div>`;
}

function valueLine(f: FigureView): Html {
  const equivalents =
    f.equivalents.length > 0 ? html` <span class="muted">(≈ ${f.equivalents.join(', ')})</span>` : '';
  const basis = f.basisLabel === undefined ? '' : html` <span class="muted">[${f.basisLabel}]</span>`;
  return html`<p><span class="value">${f.value}</span>${equivalents}${basis} ${statusBadge(f)}</p>`;
}

/** A figure in a list: value, status, scope, sources and each disagreement, linking to its own page. */
export function figureCard(ctx: PageContext, f: FigureView, headingLevel: 2 | 3 = 2): Html {
  const title = t(ctx.locale, 'web.figureTitle', { subject: f.subject.name, property: f.propertyLabel });
  const link = html`<a href="${href(ctx, pagePath.figure(f.id))}">${title}</a>`;
  return html`<article class="card" aria-labelledby="h-${f.id}">
    ${headingLevel === 2 ? html`<h2 id="h-${f.id}">${link}</h2>` : html`<h3 id="h-${f.id}">${link}</h3>`}
    ${valueLine(f)}
    ${
      f.deprecatedReason !== undefined
        ? html`<p><strong>${t(ctx.locale, 'answer.notThisScope')}:</strong> ${f.deprecatedReason}</p>`
        : ''
    }
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
  const qualifiers = [f.methodLabel, f.statedBy && t(locale, 'answer.statedBy', { who: f.statedBy })].filter(
    (q): q is string => Boolean(q),
  );
  const also = figure.also_about
    .map((id) => ctx.kb.entity(id))
    .filter((e) => e !== undefined)
    .map((e, i) => html`${i > 0 ? ', ' : ''}<a href="${href(ctx, pagePath.subject(e.id))}">${e.name}</a>`);
  return html`<p>${f.summary}</p>
    ${valueLine(f)}
    <dl>
      <dt>${t(locale, 'web.status')}</dt>
      <dd>${statusBadge(f)}</dd>
      <dt>${t(locale, 'web.rank')}</dt>
      <dd>${t(locale, `ranks.${f.rank}`)}</dd>
      ${
        f.deprecatedReason !== undefined
          ? html`<dt>${t(locale, 'answer.notThisScope')}</dt>
              <dd>${f.deprecatedReason}</dd>`
          : ''
      }
      <dt>${t(locale, 'answer.scope')}</dt>
      <dd>${f.scope}</dd>
      <dt>${t(locale, 'answer.asOf')}</dt>
      <dd>${[f.asOf, ...qualifiers].join(' · ')}</dd>
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
    }
    ${
      f.notes.length > 0
        ? html`<h2 id="notes">${t(locale, 'answer.notes')}</h2>
            ${f.notes.map((n) => note(ctx, n))}`
        : ''
    }`;
}
