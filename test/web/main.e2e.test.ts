import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers.js';
import { cleanEnv, runNode } from '../process.js';

describe('npm start without platform tokens', () => {
  test('serves the console on stdin and the site on PORT; the end of input stops both', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: cleanEnv({
        WEB: 'on',
        PORT: '0',
        LOG_LEVEL: 'info',
        PUBLIC_URL: 'https://factdesk.example',
        DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-web-main-')),
      }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect
        .poll(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stderr)?.[1], { timeout: 15_000 })
        .toBeTruthy();
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stderr)![1]!;
      const page = await (await fetch(`${url}/s/deepseek-r1`)).text();
      expect(page).toContain('about $294,000');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      child.stdin.write('/cost r1\n');
      await expect
        .poll(() => stdout, { timeout: 15_000 })
        .toContain('Full details: https://factdesk.example/s/deepseek-r1');
      child.stdin.end();
      expect(await exited).toBe(0);
      await expect(fetch(`${url}/`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('WEB=off serves no site, and a bad PUBLIC_URL stops start-up naming it', async () => {
    const off = await runNode('dist/src/main.js', [], {
      input: '/help\n',
      env: cleanEnv({ WEB: 'off', PORT: '0', LOG_LEVEL: 'info', STORE_URL: 'memory://' }),
    });
    expect(off.code).toBe(0);
    expect(off.stderr).not.toContain('http server listening');
    const bad = await runNode('dist/src/main.js', [], {
      env: cleanEnv({ WEB: 'on', PUBLIC_URL: 'javascript:alert(1)', STORE_URL: 'memory://' }),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PUBLIC_URL');
    expect(bad.stderr).not.toContain('javascript:alert');
  });
});
