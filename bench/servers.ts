// Baseline servers for the platform benchmarks, and the fake Bot API they all talk to. Each runs in
// its own process, compiled like the product, and prints `ready <url>` once listening:
//   servers.js fake-bot-api
//   servers.js grammy <apiRoot> <replyFile> [send-message|webhook-reply] [undici]
//   servers.js discord-bare <publicKeyHex> <responseFile>
// The product side is not here: the benchmark runs factdesk itself (dist/src/main.js).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, webhookCallback } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { discordPublicKey, isValidDiscordRequest } from '../src/adapters/discord/signature.js';
import { createBotApiFetch } from '../src/adapters/telegram/bot-api-fetch.js';
import { BOT_INFO, startFakeBotApi } from '../test/fakes/bot-api.js';

const BENCH_TOKEN = '1:bench';
const BENCH_SECRET = 'bench-secret';
const [kind = '', ...args] = process.argv.slice(2);

/** Listens on 127.0.0.1 and announces the URL of `path`. */
function serve(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`ready http://127.0.0.1:${port}${path}\n`);
  });
}

switch (kind) {
  case 'fake-bot-api': {
    process.stdout.write(`ready ${(await startFakeBotApi({ record: false })).url}\n`);
    break;
  }
  case 'grammy': {
    // A minimal grammY bot: the same reply factdesk gives (text and keyboard captured from it), also
    // as a reply in groups, sent the same way (sendMessage, or inside the webhook response). With
    // `undici` it calls the Bot API through factdesk's own client instead of grammY's default.
    const [apiRoot = '', replyFile = '', mode = '', client = ''] = args;
    const reply = JSON.parse(readFileSync(replyFile, 'utf8')) as {
      text: string;
      reply_markup: InlineKeyboardMarkup;
    };
    const bot = new Bot(BENCH_TOKEN, {
      client: {
        apiRoot,
        ...(client === 'undici' && { fetch: createBotApiFetch() as never }),
        ...(mode === 'webhook-reply' && { canUseWebhookReply: (method: string) => method === 'sendMessage' }),
      },
      botInfo: BOT_INFO,
    });
    bot.command('cost', (ctx) =>
      ctx.reply(reply.text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: reply.reply_markup,
        ...(ctx.chat.type !== 'private' && {
          reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
        }),
      }),
    );
    const handle = webhookCallback(bot, 'http', { secretToken: BENCH_SECRET });
    serve('/telegram', (req, res) => void handle(req, res));
    break;
  }
  case 'discord-bare': {
    // A bare node:http server: verifies the same Ed25519 signature (key object made once) and returns
    // factdesk's own response to the same interaction as fixed bytes.
    const [publicKey = '', responseFile = ''] = args;
    const key = discordPublicKey(publicKey);
    const body = readFileSync(responseFile);
    serve('/interactions', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const header = (name: string) => req.headers[name] as string | undefined;
        const valid = isValidDiscordRequest(
          key,
          header('x-signature-ed25519'),
          header('x-signature-timestamp'),
          Buffer.concat(chunks),
        );
        if (!valid) res.writeHead(401).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    break;
  }
  default:
    throw new Error(`unknown server kind ${kind}`);
}
// A clean exit on SIGINT, so `node --cpu-prof` can write its profile.
process.on('SIGINT', () => process.exit(0));
