import { answerFigures } from '../core/answer.js';
import { t } from '../core/i18n/index.js';
import { pagePath } from '../core/links.js';
import { figureView, sourceView } from '../core/views.js';
import { EntityKindSchema } from '../knowledge/schema.js';
import { WEB_ACTOR } from './api.js';
import { figureClaimReviews } from './claimreview.js';
import { href, type PageContext } from './context.js';
import { html, jsonForScript, safeHref } from './html.js';
import { page } from './layout.js';
import { figureCard, figureDetail } from './parts.js';
import { redirect, type WebResponse } from './response.js';

/** The 404 page, in the reader's language, with the search box. */
export function notFoundPage(ctx: PageContext): WebResponse {
  return page(ctx, {
    status: 404,
    title: t(ctx.locale, 'web.notFoundTitle'),
    body: html`<p>${t(ctx.locale, 'web.notFoundBody')}</p>
      ${searchForm(ctx, '')}`,
  });
}

function searchForm(ctx: PageContext, value: string) {
  const { locale } = ctx;
  return html`<form action="/" method="get" role="search">
    <div class="field">
      <label for="q">${t(locale, 'web.searchLabel')}</label>
      <input type="search" id="q" name="q" value="${value}" maxlength="500" aria-describedby="q-hint" />
    </div>
    ${ctx.chosen ? html`<input type="hidden" name="lang" value="${locale}" />` : ''}
    <button type="submit">${t(locale, 'web.searchButton')}</button>
    <p class="hint" id="q-hint">${t(locale, 'web.searchHint')}</p>
  </form>`;
}

/**
 * `/`: the search box and every subject by kind. With `?q=` a subject name goes straight to its page;
 * anything else is asked as `/fact`.
 */
export async function homePage(ctx: PageContext): Promise<WebResponse> {
  const { locale, kb } = ctx;
  const q = (ctx.query.get('q') ?? '').trim().slice(0, 500);
  if (q) {
    const resolved = kb.resolveSubject(q);
    if (resolved.kind === 'entity') return redirect(href(ctx, pagePath.subject(resolved.entity.id)));
    const answer = await ctx.deps.core.dispatch({
      command: 'fact',
      args: { query: q },
      actor: WEB_ACTOR,
      locale,
    });
    const choices =
      resolved.kind === 'ambiguous'
        ? resolved.choices
        : answer.kind === 'not_found'
          ? answer.choices.map((c) => kb.entity(c.id)).filter((e) => e !== undefined)
          : [];
    const lines =
      answer.kind === 'not_found' ? answer.lines : answer.kind === 'error' ? [answer.message] : [];
    return page(ctx, {
      title: t(locale, 'web.resultsTitle', { query: q }),
      body: html`${searchForm(ctx, q)} ${lines.map((l) => html`<p>${l}</p>`)}
      ${
        choices.length > 0
          ? html`<ul>
              ${choices.map((e) => html`<li><a href="${href(ctx, pagePath.subject(e.id))}">${e.name}</a> — ${e.description[locale]}</li>`)}
            </ul>`
          : ''
      }
      ${answerFigures(answer).map((f) => figureCard(ctx, f))}`,
    });
  }
  const groups = EntityKindSchema.options
    .map((kind) => ({ kind, entities: kb.entities.filter((e) => e.kind === kind) }))
    .filter((g) => g.entities.length > 0);
  return page(ctx, {
    title: t(locale, 'web.tagline'),
    body: html`${searchForm(ctx, '')}
      <h2>${t(locale, 'web.subjectsTitle')}</h2>
      ${groups.map(
        (g) =>
          html`<h3>${t(locale, `web.entityKinds.${g.kind}`)}</h3>
            <ul>
              ${g.entities.map((e) => html`<li><a href="${href(ctx, pagePath.subject(e.id))}">${e.name}</a> — <span class="muted">${e.description[locale]}</span></li>`)}
            </ul>`,
      )}`,
  });
}

/** `/s/<subject>`: the subject, what it belongs to and contains, and its figures, preferred first. */
export function subjectPage(ctx: PageContext, id: string): WebResponse {
  const { kb, locale } = ctx;
  const entity = kb.entity(id);
  if (!entity) {
    // Aliases in the address (/s/r1) lead to the canonical page.
    const resolved = kb.resolveSubject(id);
    return resolved.kind === 'entity' && resolved.via === 'exact'
      ? redirect(href(ctx, pagePath.subject(resolved.entity.id)))
      : notFoundPage(ctx);
  }
  const parent = entity.parent === undefined ? undefined : kb.entity(entity.parent);
  const children = kb.entities.filter((e) => e.parent === entity.id);
  // The index orders them preferred first, deprecated last.
  const figures = kb.figuresAbout(entity.id).map((f) => figureView(kb, f, locale));
  const related = [...(parent ? [parent] : []), ...children];
  return page(ctx, {
    title: entity.name,
    body: html`<p>${entity.description[locale]}</p>
      ${related.length > 0 ? html`<p>${related.map((e, i) => html`${i > 0 ? ' · ' : ''}<a href="${href(ctx, pagePath.subject(e.id))}">${e.name}</a>`)}</p>` : ''}
      <h2>${t(locale, 'web.figuresOf', { subject: entity.name })}</h2>
      ${figures.length === 0 ? html`<p>${t(locale, 'web.noFigures')}</p>` : figures.map((f) => figureCard(ctx, f, 3))}`,
  });
}

/** `/f/<figure>`: one figure in full, its change history, and its ClaimReview markup. */
export async function figurePage(ctx: PageContext, id: string): Promise<WebResponse> {
  const { kb, locale } = ctx;
  const figure = kb.figure(id);
  if (!figure) return notFoundPage(ctx);
  const view = figureView(kb, figure, locale);
  const history = (await ctx.deps.history?.(figure.id)) ?? [];
  const reviews = figureClaimReviews(kb, figure, locale, ctx.deps.publicUrl);
  return page(ctx, {
    title: t(locale, 'web.figureTitle', { subject: view.subject.name, property: view.propertyLabel }),
    jsonLd:
      reviews.length > 0
        ? html`<script type="application/ld+json">
            ${jsonForScript(reviews)}
          </script>`
        : undefined,
    body: html`${figureDetail(ctx, view, figure)}
      <h2>${t(locale, 'web.history')}</h2>
      ${
        history.length === 0
          ? html`<p>${t(locale, 'answer.kbNoHistory')}</p>`
          : html`<ul>
              ${history.map((e) => html`<li>${t(locale, 'web.historyLine', { at: e.at.slice(0, 10), action: e.action, reason: e.reason })}</li>`)}
            </ul>`
      }`,
  });
}

/** `/sources`: every article, with date, kind, language and how many figures cite it. */
export function sourcesPage(ctx: PageContext): WebResponse {
  const { kb, locale } = ctx;
  const views = kb.sources.map((s) => sourceView(kb, s, locale));
  return page(ctx, {
    title: t(locale, 'answer.sourcesTitle'),
    body: html`<p>${t(locale, 'web.sourcesIntro')}</p>
      <ul>
        ${views.map(
          (s) =>
            html`<li>
              <a href="${href(ctx, pagePath.source(s.id))}">${s.outlet}</a>, ${s.published} — ${s.title}
              <span class="muted"
                >(${s.kindLabel}, ${s.languageLabel},
                ${t(locale, 'answer.figureCount', { count: s.figureCount })})</span
              >
            </li>`,
        )}
      </ul>`,
  });
}

/** `/sources/<id>`: one article and the figures it is cited for. */
export function sourcePage(ctx: PageContext, id: string): WebResponse {
  const { kb, locale } = ctx;
  const source = kb.source(id);
  if (!source) return notFoundPage(ctx);
  const s = sourceView(kb, source, locale);
  return page(ctx, {
    title: `${s.outlet}: ${s.title}`,
    body: html`<dl>
        <dt>${t(locale, 'answer.asOf')}</dt>
        <dd>${s.published}</dd>
        <dt>${t(locale, 'web.language')}</dt>
        <dd>${s.languageLabel} · ${s.kindLabel}</dd>
        ${
          s.notes !== undefined
            ? html`<dt>${t(locale, 'answer.sourceNotes')}</dt>
                <dd>${s.notes}</dd>`
            : ''
        }
      </dl>
      <p><a href="${safeHref(s.url)}" rel="noopener">${t(locale, 'web.readArticle')}</a></p>
      <h2>${t(locale, 'answer.figuresCiting')}</h2>
      ${kb.figuresCiting(source.id).map((f) => figureCard(ctx, figureView(kb, f, locale), 3))}`,
  });
}

/** `/disputed`: every figure whose sources disagree, both sides and why. */
export function disputedPage(ctx: PageContext): WebResponse {
  const { kb, locale } = ctx;
  return page(ctx, {
    title: t(locale, 'answer.disputedTitle'),
    body: html`<p>${t(locale, 'web.disputedIntro')}</p>
      ${kb.disputedFigures().map((f) => figureCard(ctx, figureView(kb, f, locale)))}`,
  });
}
