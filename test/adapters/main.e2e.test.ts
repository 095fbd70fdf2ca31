import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { ROOT } from '../helpers.js';
import { cleanEnv } from '../process.js';

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
});

describe('npm start with a Telegram token', () => {
  test('starts the Telegram adapter against TELEGRAM_API_ROOT, answers, and exits 0 on SIGTERM without logging the token', async () => {
    api = await startFakeBotApi();
    const token = '4242:SECRET-never-logged';
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: cleanEnv({
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: api.url,
        DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-main-')),
        LOG_LEVEL: 'debug',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr.on('data', (d: Buffer) => (logs += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    await api.nextCall('setMyCommands', 15_000);
    api.pushUpdate(
      messageUpdate('/cost r1', { id: 5, is_bot: false, first_name: 'Ana', language_code: 'id' }),
    );
    const sent = await api.nextCall('sendMessage', 15_000);
    expect(String(sent.payload.text)).toContain('sekitar US$294.000');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs).toContain('telegram long polling started');
    expect(logs).not.toContain('SECRET-never-logged');
  });
});

describe('npm start watching the knowledge files', () => {
  test('a corrupted file while running keeps the last good knowledge and alerts the moderators’ chat', async () => {
    api = await startFakeBotApi();
    const knowledgeDir = await mkdtemp(path.join(tmpdir(), 'factdesk-main-kb-'));
    await cp(path.join(ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: cleanEnv({
        TELEGRAM_BOT_TOKEN: '4242:test',
        TELEGRAM_API_ROOT: api.url,
        KNOWLEDGE_DIR: knowledgeDir,
        DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-main-data-')),
        MODERATOR_CHAT_IDS: 'telegram:-500',
        LOG_LEVEL: 'silent',
      }),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await api.nextCall('setMyCommands', 15_000);
      const costs = path.join(knowledgeDir, 'figures', 'costs.yaml');
      await writeFile(costs, `${await readFile(costs, 'utf8')}\n  - id: [broken\n`);
      const alert = await api.nextCall('sendMessage', 15_000);
      expect(alert.payload.chat_id).toBe(-500);
      expect(String(alert.payload.text)).toMatch(
        /keeps serving the last good version\.\nInvalid knowledge .*costs\.yaml:\d+: YAML syntax/s,
      );

      api.pushUpdate(messageUpdate('/cost r1', { id: 5, is_bot: false, first_name: 'Ana' }));
      expect(String((await api.nextCall('sendMessage', 15_000)).payload.text)).toContain('about $294,000');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
