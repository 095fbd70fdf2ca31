import type { KnowledgeIndex } from '../knowledge/index.js';
import { MAX_CHOICES } from '../knowledge/index.js';
import type { Locale } from '../knowledge/schema.js';
import { cleanText } from '../knowledge/text.js';
import type { Choice } from './answer.js';
import type { Command } from './command.js';
import { catalogue } from './i18n/index.js';
import { choices } from './views.js';

/**
 * Choices for an option as the user types: subjects, sources or languages, by the option's kind.
 * Never slower than a map lookup and a scan of aliases.
 */
export function createAutocomplete(deps: {
  byName: ReadonlyMap<string, Command>;
  knowledge: () => KnowledgeIndex;
}): (command: string, option: string, typed: string, locale: Locale) => Choice[] {
  return function autocomplete(commandName, optionName, typed, locale) {
    const kb = deps.knowledge();
    const option = deps.byName.get(commandName)?.options.find((o) => o.name === optionName);
    const text = cleanText(typed.slice(0, 200));
    switch (option?.autocomplete) {
      case 'subject':
        return choices(kb.completeSubjects(text, MAX_CHOICES), commandName, locale);
      case 'source':
        return kb.sources
          .filter((s) => !text || `${s.id} ${s.outlet}`.toLowerCase().includes(text.toLowerCase()))
          .slice(0, MAX_CHOICES)
          .map((s) => ({
            id: s.id,
            label: `${s.outlet} (${s.published})`,
            description: s.title,
            command: `/sources ${s.id}`,
          }));
      case 'language':
        return (['en', 'id'] as const).map((l) => ({
          id: l,
          label: catalogue(l).meta.languageName,
          description: catalogue(locale).languages[l],
          command: `/lang ${l}`,
        }));
      default:
        return [];
    }
  };
}
