import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import { choices, rankedFigures } from '../src/core/views.js';
import { byStanding } from '../src/knowledge/index.js';

/** `/fact <query>`: any figure by free text, in English or Indonesian. */
export const fact = {
  name: 'fact',
  takesRepliedMessage: true,
  inline: 'query',
  options: [{ name: 'query', required: true, maxLength: 500 }],
  examples: ['/fact r1 gpu hours', '/fact biaya latih gpt-4', '/fact huawei engineers'],
  run({ args, kb, locale }) {
    const query = args.query;
    if (!query) throw new UserError('queryMissing', { example: '/fact r1 gpu hours' });
    // The best matches, best-supported first: a reader should meet a preferred figure before the rest.
    const found = kb.searchFigures(query, 5).sort(byStanding);
    if (found.length === 0) {
      return {
        kind: 'not_found',
        command: 'fact',
        locale,
        query,
        title: t(locale, 'answer.notFoundTitle', { query }),
        lines: [t(locale, 'answer.nothingMatched'), t(locale, 'answer.suggestions')],
        choices: choices(kb.featured().slice(0, 5), 'cost', locale),
        suggestions: ['/disputed', '/sources', '/help'],
      };
    }
    return {
      kind: 'figures',
      command: 'fact',
      locale,
      title: t(locale, 'answer.factTitle', { query }),
      ...rankedFigures(kb, found, locale),
      suggestions: ['/disputed', '/sources'],
    };
  },
} satisfies Command;
