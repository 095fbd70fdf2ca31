import type { Locale } from '../knowledge/schema.js';
import type { Command, CommandName } from './command.js';
import { catalogue } from './i18n/index.js';

/** Command metadata adapters need for menus and registration, with texts in both languages. */
export interface CommandInfo {
  name: CommandName;
  /** Hidden from menus and help for everyone but moderators. */
  moderatorOnly: boolean;
  /** It changes a preference, a subscription or the knowledge. */
  changesState: boolean;
  /** Answers are shown only to the asker; adapters defer such commands privately too. */
  privateAnswer: boolean;
  /** Takes the text of the message it replies to (Telegram) when typed without text. */
  takesRepliedMessage: boolean;
  /** Offered as the action on a message (Discord's message context menu). */
  messageAction: boolean;
  /** Offered in Telegram inline mode for a typed query or an empty one. */
  inline?: 'query' | 'empty';
  description: Record<Locale, string>;
  options: {
    name: string;
    required: boolean;
    autocomplete: boolean;
    maxLength: number;
    description: Record<Locale, string>;
  }[];
}

/** The metadata of each command, in order, with its texts from both catalogues. */
export function commandInfoOf(commands: readonly Command[]): CommandInfo[] {
  return commands.map((c) => {
    const texts = { en: catalogue('en').commands[c.name], id: catalogue('id').commands[c.name] };
    return {
      name: c.name,
      moderatorOnly: c.moderatorOnly === true,
      changesState: c.changesState === true,
      privateAnswer: c.privateAnswer === true,
      takesRepliedMessage: c.takesRepliedMessage === true,
      messageAction: c.messageAction === true,
      ...(c.inline !== undefined && { inline: c.inline }),
      description: { en: texts.en.description, id: texts.id.description },
      options: c.options.map((o) => ({
        name: o.name,
        required: o.required,
        autocomplete: o.autocomplete !== undefined,
        maxLength: o.maxLength,
        description: { en: optionText(texts.en.options, o.name), id: optionText(texts.id.options, o.name) },
      })),
    };
  });
}

function optionText(options: Readonly<Record<string, string>>, name: string): string {
  return options[name] ?? name;
}
