import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  Client,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  PermissionFlagsBits,
  Routes,
  type APIInteraction,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Core } from '../../core/core.js';
import type { RouteHandler } from '../http.js';
import { CONTEXT_MENU_NAME, CONTEXT_MENU_NAME_ID, createInteractionHandler } from './interactions.js';

export interface DiscordDeps {
  token: string;
  applicationId: string;
  /** REST base without the version, e.g. https://discord.com/api (discord.js REST's `api` option). */
  apiRoot?: string;
  core: Core;
  logger: Logger;
  deferAfterMs?: number;
  /** Roles whose members may use /kb besides those with Manage Messages. */
  moderatorRoleIds?: readonly string[];
}

// Discord signs with Ed25519; Node takes raw public keys wrapped in this SPKI DER header.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Requests signed longer ago than this are replays and get 401. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;
const MAX_BODY_BYTES = 1 << 20;

/** The Node key object for Discord's hex application public key. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/**
 * Checks `X-Signature-Ed25519` over timestamp + body, and that the timestamp is recent
 * (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers).
 */
export function isValidDiscordRequest(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): boolean {
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp))
    return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A light check that a payload is an interaction before it is treated as one: Discord signed it (HTTP)
 * or sent it over the gateway, so only the shape that routing relies on is verified here.
 */
export function isInteraction(value: unknown): value is APIInteraction {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.token === 'string' && typeof v.type === 'number';
}

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
  const contextMenu = {
    type: ApplicationCommandType.Message,
    name: CONTEXT_MENU_NAME,
    name_localizations: { id: CONTEXT_MENU_NAME_ID },
    ...everywhere,
  };
  return [...slash, contextMenu] as RESTPostAPIApplicationCommandsJSONBody[];
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
 * The Discord adapter. HTTP interactions mode (`interactionsRoute`) or gateway mode (`start`); both
 * feed the same handler, and both answer through the interaction callback, so they behave alike.
 */
export function createDiscordAdapter(deps: DiscordDeps) {
  const api = deps.apiRoot ?? 'https://discord.com/api';
  // Guilds only: slash commands need no message-content or member intents.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api } });
  const rest = client.rest.setToken(deps.token);
  const handler = createInteractionHandler({
    core: deps.core,
    rest,
    applicationId: deps.applicationId,
    logger: deps.logger,
    ...(deps.deferAfterMs !== undefined && { deferAfterMs: deps.deferAfterMs }),
    ...(deps.moderatorRoleIds !== undefined && { moderatorRoleIds: deps.moderatorRoleIds }),
  });

  async function answerFromGateway(interaction: APIInteraction): Promise<void> {
    const response = await handler.handle(interaction);
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: response,
      auth: false,
    });
  }

  deps.core.registerNoticeSender('discord', async (channel, text) => {
    await rest.post(Routes.channelMessages(channel), {
      body: { content: text.slice(0, 2000), allowed_mentions: { parse: [] } },
    });
  });

  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    const interaction = packet.d;
    if (packet.t !== 'INTERACTION_CREATE' || !isInteraction(interaction)) return;
    answerFromGateway(interaction).catch((err: unknown) =>
      deps.logger.error({ err, interaction_id: interaction.id }, 'could not answer a gateway interaction'),
    );
  });

  return {
    client,
    rest,
    /** The `/interactions` endpoint: Ed25519-verified, PONG to PING, JSON responses within Discord's 3 s. */
    interactionsRoute(publicKeyHex: string): RouteHandler {
      const key = discordPublicKey(publicKeyHex);
      return async (req, res) => {
        const body = await readBody(req);
        if (!body) {
          res.writeHead(413).end();
          return;
        }
        if (
          !isValidDiscordRequest(
            key,
            header(req, 'x-signature-ed25519'),
            header(req, 'x-signature-timestamp'),
            body,
          )
        ) {
          res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
          return;
        }
        let interaction: unknown;
        try {
          interaction = JSON.parse(body.toString('utf8'));
        } catch {
          interaction = undefined;
        }
        if (!isInteraction(interaction)) {
          res.writeHead(400).end();
          return;
        }
        const response = await handler.handle(interaction);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
      };
    },
    /** Posts a plain notice (no mentions) to a channel, e.g. to tell moderators the knowledge files are broken. */
    async notify(channelId: string, text: string): Promise<void> {
      await rest.post(Routes.channelMessages(channelId), {
        body: { content: text.slice(0, 2000), allowed_mentions: { parse: [] } },
      });
    },
    /** Gateway mode: connects with the token; resolves once logged in. */
    async start(): Promise<void> {
      await client.login(deps.token);
    },
    async stop(): Promise<void> {
      await client.destroy();
    },
    /**
     * Registers the commands with one idempotent PUT (to one guild when `guildId` is given) and
     * reports what changed compared with what Discord had.
     */
    async deployCommands(guildId?: string): Promise<DeployReport> {
      const route = guildId
        ? Routes.applicationGuildCommands(deps.applicationId, guildId)
        : Routes.applicationCommands(deps.applicationId);
      const wanted = commandPayload(deps.core);
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
    },
  };
}

export type DiscordAdapter = ReturnType<typeof createDiscordAdapter>;
