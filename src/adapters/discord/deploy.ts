import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  Routes,
  type REST,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Core } from '../../core/core.js';

/** The message context-menu command; Discord allows spaces and capitals in these names. */
export const CONTEXT_MENU_NAME = 'Fact-check this message';
export const CONTEXT_MENU_NAME_ID = 'Cek fakta pesan ini';

/** The application commands, built from the command files with Indonesian descriptions. */
export function commandPayload(core: Core): RESTPostAPIApplicationCommandsJSONBody[] {
  const everywhere = {
    contexts: [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  };
  const slash = core.commandInfo().map((c) => ({
    type: ApplicationCommandType.ChatInput,
    name: c.name,
    // Moderator commands are hidden from members without Manage Messages (server admins can widen this).
    ...(c.moderatorOnly && {
      default_member_permissions: String(PermissionFlagsBits.ManageMessages),
      contexts: [InteractionContextType.Guild],
    }),
    description: c.description.en,
    description_localizations: { id: c.description.id },
    options: c.options.map((o) => ({
      type: ApplicationCommandOptionType.String,
      name: o.name,
      description: o.description.en,
      description_localizations: { id: o.description.id },
      required: o.required,
      autocomplete: o.autocomplete,
      max_length: o.maxLength,
    })),
    ...everywhere,
  }));
  // The command that acts on a message (by its data) is also offered in the message context menu.
  const messageMenu = core.commandInfo().some((c) => c.messageAction)
    ? [
        {
          type: ApplicationCommandType.Message,
          name: CONTEXT_MENU_NAME,
          name_localizations: { id: CONTEXT_MENU_NAME_ID },
          ...everywhere,
        },
      ]
    : [];
  return [...slash, ...messageMenu] as RESTPostAPIApplicationCommandsJSONBody[];
}

/** The parts of a registered command that a deployment can change. */
interface CommandFingerprint {
  name: string;
  description?: string;
  description_localizations?: unknown;
  name_localizations?: unknown;
  options?: unknown;
}

function fingerprint(c: CommandFingerprint): string {
  return JSON.stringify([
    c.description ?? '',
    c.description_localizations ?? {},
    c.name_localizations ?? {},
    c.options ?? [],
  ]);
}

/** What a deployment changed, by command name. */
export interface DeployReport {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/**
 * Registers the commands with one idempotent PUT (to one guild when `guildId` is given) and
 * reports what changed compared with what Discord had.
 */
export async function deployCommands(
  rest: REST,
  applicationId: string,
  core: Core,
  guildId?: string,
): Promise<DeployReport> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const wanted = commandPayload(core);
  // Without with_localizations Discord omits the localized texts, and every command would look changed.
  const before = (await rest.get(route, {
    query: new URLSearchParams({ with_localizations: 'true' }),
  })) as CommandFingerprint[];
  await rest.put(route, { body: wanted });
  const old = new Map(before.map((c) => [c.name, fingerprint(c)]));
  const report: DeployReport = { added: [], changed: [], removed: [], unchanged: [] };
  for (const c of wanted) {
    const previous = old.get(c.name);
    if (previous === undefined) report.added.push(c.name);
    else if (previous === fingerprint(c)) report.unchanged.push(c.name);
    else report.changed.push(c.name);
    old.delete(c.name);
  }
  report.removed.push(...old.keys());
  return report;
}
