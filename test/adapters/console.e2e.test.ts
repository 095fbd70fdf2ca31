import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanEnv, runNode } from '../process.js';
import { KNOWLEDGE_DIR, ROOT } from '../helpers.js';

const tempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), prefix));

describe('npm start with no platform tokens: the console adapter, end to end', () => {
  test('reads commands piped on stdin, prints each answer in order, and exits 0 at end of input', async () => {
    const dataDir = await tempDir('factdesk-console-');
    const result = await runNode('dist/src/main.js', [], {
      input: '/cost r1\n\n/chips deepseek\n/nope\n',
      env: cleanEnv({ DATA_DIR: dataDir }),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toContain('DeepSeek-R1: costs');
    expect(out).toContain('DeepSeek-R1, training cost: about $294,000 (≈ Rp4.87 billion) [confirmed]');
    expect(out).toContain('Scope: The reasoning (reinforcement-learning) stages only');
    expect(out).toContain(
      '“DeepSeek trained its R1 AI model for just $294,000” <https://mestios.com/t/6m59bh1bktpzjtgenjqy4wwir3>',
    );
    expect(out).toContain('DeepSeek-R1, GPUs used: 512 Nvidia H800 GPUs [confirmed]');
    expect(out).toContain('I don’t know the command /nope.');
    expect(out.indexOf('DeepSeek-R1: costs')).toBeLessThan(out.indexOf('DeepSeek: chips and compute'));
  });

  test('a /lang choice is kept in the embedded SQLite store across restarts', async () => {
    const env = cleanEnv({ DATA_DIR: await tempDir('factdesk-lang-') });
    const first = await runNode('dist/src/main.js', [], { input: '/lang id\n', env });
    expect(first.stdout).toContain('Jawaban sekarang dalam Bahasa Indonesia.');
    const second = await runNode('dist/src/main.js', [], { input: '/cost r1\n', env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('sekitar US$294.000 (≈ Rp4,87 miliar) [terkonfirmasi]');
  });

  test('a reader that goes away (`npm start < questions | head`) ends the run quietly, exit 0', async () => {
    const dataDir = await tempDir('factdesk-console-');
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: cleanEnv({ DATA_DIR: dataDir }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The first answer arrives; then the reader closes its end, and more questions follow.
    child.stdin.write('/cost r1\n');
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    child.stdin.end('/chips deepseek\n/sources\n/disputed\n/cost v3\n');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  test('an invalid environment variable stops start-up with its name and exit code 2', async () => {
    const result = await runNode('dist/src/main.js', [], { env: cleanEnv({ DEFAULT_LOCALE: 'fr' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DEFAULT_LOCALE');
    expect(result.stdout).toBe('');
  });

  test('invalid knowledge refuses to start and says which file, line and field', async () => {
    const dir = await tempDir('factdesk-badkb-');
    await cp(KNOWLEDGE_DIR, dir, { recursive: true });
    await mkdir(path.join(dir, 'figures'), { recursive: true });
    await writeFile(
      path.join(dir, 'figures', 'broken.yaml'),
      'figures:\n  - id: broken\n    subject: nobody\n',
    );
    const result = await runNode('dist/src/main.js', [], {
      env: cleanEnv({ KNOWLEDGE_DIR: dir, DATA_DIR: dir }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/figures\/broken\.yaml:2 figures\[0\]\.property: /);
  });
});
