import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import { aliasKey } from '../src/knowledge/text.js';
import { pageOf, splitPage } from '../src/core/paging.js';
import { pagedFigures, sourceView } from '../src/core/views.js';

/** `/sources [source]`: every article, or one article with the figures it is cited for. */
export const sources = {
  name: 'sources',
  options: [
    { name: 'source', required: false, autocomplete: 'source', maxLength: 200 },
    { name: 'page', required: false, maxLength: 3 },
  ],
  examples: ['/sources', '/sources trenasia', '/sources trenasia 2'],
  run({ args, kb, locale }) {
    // "/sources trenasia 2" typed in chat arrives as one text; Discord sends the page apart.
    const { text: wanted, page } = splitPage(args.source, args.page);
    if (!wanted) {
      return {
        kind: 'list',
        command: 'sources',
        locale,
        title: t(locale, 'answer.sourcesTitle'),
        conclusion: t(locale, 'answer.conclusionSources', { count: kb.sources.length }),
        sources: kb.sources.map((s) => sourceView(kb, s, locale)),
        figures: [],
        suggestions: kb.sources.slice(0, 3).map((s) => `/sources ${s.id}`),
      };
    }
    // Accept the id or the outlet's name ("trenasia", "detikinet") so nobody has to type a date.
    const key = aliasKey(wanted);
    const source =
      kb.source(wanted.toLowerCase()) ??
      kb.sources.find((s) => aliasKey(s.id).startsWith(key) || aliasKey(s.outlet) === key);
    if (!source) throw new UserError('unknownSource', { id: wanted });
    const view = sourceView(kb, source, locale);
    const paged = pagedFigures(kb, pageOf(kb.citingRange(source.id), page), locale, `/sources ${source.id}`);
    return {
      kind: 'list',
      command: 'sources',
      locale,
      title: `${source.outlet}: ${source.title}`,
      conclusion: t(locale, 'answer.conclusionSource', {
        outlet: view.outlet,
        published: view.published,
        count: view.figureCount,
      }),
      sources: [view],
      ...paged,
      suggestions: [...paged.suggestions, '/sources', '/disputed'],
    };
  },
} satisfies Command;
