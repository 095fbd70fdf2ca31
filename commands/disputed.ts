import type { Command } from '../src/core/command.js';
import { t } from '../src/core/i18n/index.js';
import { pageOf, splitPage } from '../src/core/paging.js';
import { pagedFigures } from '../src/core/views.js';

/** `/disputed`: every figure whose sources disagree, with each side and why. */
export const disputed = {
  name: 'disputed',
  inline: 'empty',
  options: [{ name: 'page', required: false, maxLength: 3 }],
  examples: ['/disputed', '/disputed 2'],
  run: ({ args, kb, locale }) => {
    const all = kb.disputedRange();
    const paged = pagedFigures(kb, pageOf(all, splitPage(args.page).page), locale, '/disputed');
    return {
      kind: 'list',
      command: 'disputed',
      locale,
      title: t(locale, 'answer.disputedTitle'),
      conclusion: t(locale, 'answer.conclusionList', { count: all.length }),
      sources: [],
      ...paged,
      suggestions: [...paged.suggestions, '/sources'],
    };
  },
} satisfies Command;
