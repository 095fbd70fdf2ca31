import type { IncomingMessage } from 'node:http';
import { Client, Events, GatewayIntentBits, Routes, type APIInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { Core } from '../../core/core.js';
import { BadRequestError, parseJson, readBody, type RouteHandler } from '../http.js';
import { retryWithBackoff } from '../retry.js';
import { clip } from '../text.js';
import { deployCommands, type DeployReport } from './deploy.js';
import { createInteractionHandler } from './interactions.js';
import { outgoingData, responseJson } from './responses.js';
import { clientShardOptions, type ShardPlan } from './sharding.js';
import { discordPublicKey, isInteraction, isValidDiscordRequest } from './signature.js';

export { commandPayload, CONTEXT_MENU_NAME, CONTEXT_MENU_NAME_ID, type DeployReport } from './deploy.js';
export {
  discordPublicKey,
  isInteraction,
  isValidDiscordRequest,
  MAX_SIGNATURE_AGE_SECONDS,
} from './signature.js';

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
  /** Gateway shards this process runs (default: Discord's recommended count, all here). */
  shards?: ShardPlan;
}

/** No REST call waits longer than this (discord.js REST aborts it and retries up to 3 times). */
const REST_TIMEOUT_MS = 10_000;
/** Rate limits longer than this fail the call instead of holding the answer. */
const MAX_RATE_LIMIT_WAIT_MS = 30_000;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A token Discord refused: no retry fixes it. */
const isFatal = (err: unknown) =>
  err instanceof Error &&
  (('code' in err && err.code === 'TokenInvalid') || ('status' in err && err.status === 401));

/**
 * The Discord adapter. HTTP interactions mode (`interactionsRoute`) or gateway mode (`start`); both
 * feed the same handler, and both answer through the interaction callback, so they behave alike.
 */
export function createDiscordAdapter(deps: DiscordDeps) {
  const api = deps.apiRoot ?? 'https://discord.com/api';
  // Guilds only: slash commands need no message-content or member intents.
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // @discordjs/ws runs the shards in this process; each answers the interactions of its guilds.
    ...clientShardOptions(deps.shards ?? { kind: 'auto' }),
    rest: {
      api,
      timeout: REST_TIMEOUT_MS,
      rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
    },
  });
  const rest = client.rest.setToken(deps.token);
  const handler = createInteractionHandler({
    core: deps.core,
    rest,
    applicationId: deps.applicationId,
    logger: deps.logger,
    ...(deps.deferAfterMs !== undefined && { deferAfterMs: deps.deferAfterMs }),
    ...(deps.moderatorRoleIds !== undefined && { moderatorRoleIds: deps.moderatorRoleIds }),
  });
  const stopper = new AbortController();

  async function answerFromGateway(interaction: APIInteraction): Promise<void> {
    const response = await handler.handle(interaction);
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: response,
      auth: false,
    });
  }

  /** Posts a plain notice (no mentions) to a channel. */
  async function notify(channelId: string, text: string): Promise<void> {
    await rest.post(Routes.channelMessages(channelId), { body: outgoingData({ content: clip(text, 2000) }) });
  }
  deps.core.registerNoticeSender('discord', notify);

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
    /**
     * The `/interactions` endpoint: bodies over 1 MB get 413, bad signatures 401, malformed JSON
     * 400; PONG to PING; JSON responses within Discord's 3 s.
     */
    interactionsRoute(publicKeyHex: string): RouteHandler {
      const key = discordPublicKey(publicKeyHex);
      return async (req, res) => {
        const body = await readBody(req);
        const signature = header(req, 'x-signature-ed25519');
        if (!isValidDiscordRequest(key, signature, header(req, 'x-signature-timestamp'), body)) {
          res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
          return;
        }
        const interaction = parseJson(body);
        if (!isInteraction(interaction)) throw new BadRequestError(400);
        const response = await handler.handle(interaction);
        res.writeHead(200, { 'content-type': 'application/json' }).end(responseJson(response));
      };
    },
    /** Posts a plain notice (no mentions) to a channel, e.g. to tell moderators the knowledge files are broken. */
    notify,
    /** Gateway mode: connects with the token, retrying with backoff while Discord is unreachable. */
    async start(): Promise<void> {
      await retryWithBackoff(() => client.login(deps.token), {
        what: 'discord gateway login',
        logger: deps.logger,
        signal: stopper.signal,
        isFatal,
      });
    },
    /** The shards this process runs and their total, once the gateway is connected (for logs). */
    shardInfo(): { shards: number[]; shardCount: number } {
      return { shards: [...client.ws.shards.keys()], shardCount: client.options.shardCount ?? 0 };
    },
    async stop(): Promise<void> {
      stopper.abort();
      await client.destroy();
    },
    /** Registers the commands (to one guild when `guildId` is given) and reports what changed. */
    deployCommands(guildId?: string): Promise<DeployReport> {
      return deployCommands(rest, deps.applicationId, deps.core, guildId);
    },
  };
}

export type DiscordAdapter = ReturnType<typeof createDiscordAdapter>;
