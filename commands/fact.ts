import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import { choices, figureView } from '../src/core/views.js';

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
    const found = kb.searchFigures(query, 5);
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
      figures: found.map((f) => figureView(kb, f, locale)),
      suggestions: ['/disputed', '/sources'],
    };
  },
} satisfies Command;
