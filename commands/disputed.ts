import type { Command } from '../src/core/command.js';
import { t } from '../src/core/i18n/index.js';
import { figureView } from '../src/core/views.js';

/** `/disputed`: every figure whose sources disagree, with each side and why. */
export const disputed = {
  name: 'disputed',
  inline: 'empty',
  options: [],
  examples: ['/disputed'],
  run: ({ kb, locale }) => {
    const figures = kb.disputedFigures();
    return {
      kind: 'list',
      command: 'disputed',
      locale,
      title: t(locale, 'answer.disputedTitle'),
      conclusion: t(locale, 'answer.conclusionList', { count: figures.length }),
      figures: figures.map((f) => figureView(kb, f, locale)),
      sources: [],
      suggestions: ['/sources', '/help'],
    };
  },
} satisfies Command;
