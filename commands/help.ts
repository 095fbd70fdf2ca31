import type { Command } from '../src/core/command.js';
import { catalogue, t } from '../src/core/i18n/index.js';

/** `/help`: what each command does, with examples. */
export const help = {
  name: 'help',
  options: [],
  examples: ['/help'],
  run({ locale, commands: all, actor }) {
    const texts = catalogue(locale).commands;
    const commands = all.filter((c) => c.moderatorOnly !== true || actor.isModerator === true);
    const examples = commands.flatMap((c) => c.examples.slice(0, 1)).filter((e) => e !== '/help');
    return {
      kind: 'help',
      command: 'help',
      locale,
      title: t(locale, 'answer.helpTitle'),
      lines: [
        t(locale, 'answer.helpIntro'),
        ...commands.map((c) => `${texts[c.name].usage} — ${texts[c.name].description}`),
        t(locale, 'answer.helpExamples', { examples: examples.join(', ') }),
      ],
      suggestions: examples.slice(0, 3),
    };
  },
} satisfies Command;
