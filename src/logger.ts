import pino, { type Logger } from 'pino';

/** Paths pino blanks out wherever they appear, so a token passed in an object never reaches a log. */
const REDACT = [
  'token',
  '*.token',
  'config.TELEGRAM_BOT_TOKEN',
  'config.DISCORD_TOKEN',
  'config.TELEGRAM_WEBHOOK_SECRET',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
];

/**
 * The one logger of the process: JSON lines on stderr so stdout stays free for answers.
 * @param level pino level; the console adapter defaults to `warn` to stay quiet
 */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination(2));
}
