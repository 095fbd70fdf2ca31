import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AnswerSchema } from '../src/core/answer.js';
import { cleanEnv, runNode } from './process.js';

describe('the factdesk CLI (bin/factdesk.js, as npx runs it)', () => {
  test('ask --json prints exactly an Answer object', async () => {
    const result = await runNode('bin/factdesk.js', ['ask', '/cost r1', '--json']);
    expect(result.code).toBe(0);
    const answer = AnswerSchema.parse(JSON.parse(result.stdout));
    expect(answer.kind).toBe('figures');
    expect(answer.kind === 'figures' && answer.figures[0]?.value).toBe('about $294,000');
  });

  test('ask --lang id answers in Indonesian as text', async () => {
    const result = await runNode('bin/factdesk.js', ['ask', '/chips deepseek', '--lang', 'id']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DeepSeek: chip dan komputasi');
    expect(result.stdout).toContain('512 GPU Nvidia H800');
  });

  test('ask with an error answer exits 1; a bad --lang exits 2', async () => {
    expect((await runNode('bin/factdesk.js', ['ask', '/cost'])).code).toBe(1);
    const bad = await runNode('bin/factdesk.js', ['ask', '/cost r1', '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be en or id');
  });

  test('knowledge check passes on the shipped knowledge and fails with file and line on a bad directory', async () => {
    const ok = await runNode('bin/factdesk.js', ['knowledge', 'check']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK .*knowledge: 8 sources, \d+ entities, \d+ figures/);
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-cli-'));
    await writeFile(path.join(dir, 'sources.yaml'), 'sources:\n  - id: x\n    outlet: X\n');
    const bad = await runNode('bin/factdesk.js', ['knowledge', 'check', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('sources.yaml:2 sources[0].title:');
  });

  test('knowledge export writes files that pass knowledge check', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'factdesk-cli-export-'));
    const env = cleanEnv({ DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-cli-data-')) });
    const exported = await runNode('bin/factdesk.js', ['knowledge', 'export', out], { env });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('figures/costs.yaml');
    const checked = await runNode('bin/factdesk.js', ['knowledge', 'check', out], { env });
    expect(checked.stdout).toMatch(/^OK .*: 8 sources/);
  });

  test('no arguments prints the usage and exits 2', async () => {
    const result = await runNode('bin/factdesk.js', []);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('factdesk ask "<command line>"');
  });
});
