import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/errors.js';

describe('configuration from the environment', () => {
  test('an empty environment gives the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DEFAULT_LOCALE: 'en', PORT: 3000 });
    expect(config.STORE_URL).toBeUndefined();
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  test('empty strings mean unset', () => {
    expect(loadConfig({ STORE_URL: '', PORT: '', DEFAULT_LOCALE: '' })).toMatchObject({
      PORT: 3000,
      DEFAULT_LOCALE: 'en',
    });
  });

  test('every bad variable is named in one error, and no value is echoed', () => {
    const secret = 'not-a-token-SECRET-VALUE';
    let error: unknown;
    try {
      loadConfig({
        TELEGRAM_BOT_TOKEN: secret,
        DEFAULT_LOCALE: 'fr',
        STORE_URL: 'mysql://x',
        PORT: 'eighty',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['TELEGRAM_BOT_TOKEN', 'DEFAULT_LOCALE', 'STORE_URL', 'PORT'])
      expect(message).toContain(name);
    expect(message).toContain('expected <id>:<secret> from @BotFather');
    expect(message).not.toContain('SECRET-VALUE');
    expect(message).not.toContain('mysql');
  });

  test('valid platform settings pass through', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '123:abc-DEF_1',
      STORE_URL: 'redis://127.0.0.1:6379',
      DEFAULT_LOCALE: 'id',
    });
    expect(config).toMatchObject({
      TELEGRAM_BOT_TOKEN: '123:abc-DEF_1',
      STORE_URL: 'redis://127.0.0.1:6379',
      DEFAULT_LOCALE: 'id',
    });
  });
});
