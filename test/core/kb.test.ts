import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { Actor } from '../../src/core/command.js';
import { memoryChangeLog } from '../../src/store/memory.js';
import type { ChangeLogStore } from '../../src/store/types.js';
import { createKnowledgeEditor } from '../../src/core/knowledge-editor.js';
import { UserError } from '../../src/core/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { watchKnowledgeDir } from '../../src/knowledge/watch.js';
import { expectKind, KNOWLEDGE_DIR, silentLogger } from '../helpers.js';
import { AnswerSchema, type Answer } from '../../src/core/answer.js';

const moderator: Actor = { platform: 'console', userId: 'mod', name: 'Mod', isModerator: true };
const member: Actor = { platform: 'telegram', userId: '99', name: 'Member', localeHint: 'id' };
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function app(
  options: { dataDir?: string; knowledgeDir?: string; storeUrl?: string; redisPrefix?: string } = {},
): Promise<App> {
  const created = await createApp({
    knowledgeDir: options.knowledgeDir ?? KNOWLEDGE_DIR,
    dataDir: options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'factdesk-kb-'))),
    storeUrl: options.storeUrl,
    ...(options.redisPrefix !== undefined && { redisPrefix: options.redisPrefix }),
    defaultLocale: 'en',
    logger: silentLogger,
  });
  apps.push(created);
  return created;
}

const kb = async (a: App, text: string, actor: Actor = moderator): Promise<Answer> =>
  AnswerSchema.parse(await a.core.dispatch({ command: 'kb', args: { action: text }, actor }));
const cost = async (a: App) =>
  expectKind(await a.core.dispatchLine('/cost r1', moderator, { locale: 'en' }), 'figures').figures[0];

describe('/kb from chat', () => {
  test('a moderator edits a figure; users see it at once; history records it; undo restores it', async () => {
    const a = await app();
    const edited = await kb(a, 'edit r1-training-cost status reported | US officials dispute the figure');
    expect(edited.notice).toBe(
      'Change c1 recorded: r1-training-cost (edit). Undo with /kb undo c1 | reason.',
    );
    expect((await cost(a))?.status).toBe('reported');

    const history = expectKind(await kb(a, 'history r1-training-cost'), 'info');
    expect(history.lines).toEqual([
      expect.stringMatching(
        /^c1 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · console:Mod · edit: US officials dispute the figure$/,
      ),
    ]);

    await kb(a, 'undo c1 | edited by mistake');
    expect((await cost(a))?.status).toBe('confirmed');
    const after = expectKind(await kb(a, 'history r1-training-cost'), 'info');
    expect(after.lines[1]).toMatch(/· undo c1: edited by mistake$/);
  });

  test('the answer to an edit shows the figure as edited, though its old version was just shown', async () => {
    const a = await app();
    expect((await cost(a))?.status).toBe('confirmed');
    const edited = expectKind(
      await kb(a, 'edit r1-training-cost status reported | US officials dispute the figure'),
      'figures',
    );
    expect(edited.figures[0]?.status).toBe('reported');
    expect((await cost(a))?.status).toBe('reported');
  });

  test('add a figure, dispute it and resolve the dispute, each validated by the knowledge schema', async () => {
    const a = await app();
    const figure =
      '{id: qwen-training-gpus, subject: qwen, property: gpu_count, value: {type: amount, amount: 10000, unit: gpu, original: "10.000 GPU"}, ' +
      'scope: {en: Test scope., id: Cakupan uji.}, as_of: 2025-12-01, status: reported, citations: [CITATIONS]}';
    const uncited = expectKind(await kb(a, `add ${figure.replace('CITATIONS', '')} | test`), 'error');
    expect(uncited.message).toBe(
      'That value for citations is not valid: every figure needs at least one citation',
    );
    const unknownSource = expectKind(
      await kb(a, `add ${figure.replace('CITATIONS', '{source: nowhere, quote: x}')} | test`),
      'error',
    );
    expect(unknownSource.message).toContain('unknown source "nowhere"');

    const source =
      '{id: reuters-2025-12-02, outlet: Reuters, title: A test report, url: "https://example.org/r", language: en, published: 2025-12-02, kind: news}';
    expect(expectKind(await kb(a, `source add ${source} | new article`), 'info').lines[0]).toContain(
      '(source_add)',
    );
    expect(
      expectKind(await a.core.dispatchLine('/sources reuters', moderator, { locale: 'en' }), 'list')
        .sources[0]?.outlet,
    ).toBe('Reuters');
    const added = await kb(
      a,
      `add ${figure.replace('CITATIONS', '{source: reuters-2025-12-02, quote: "10,000 GPUs"}')} | new report`,
    );
    expect(added.notice).toContain('(add)');
    const chips = expectKind(
      await a.core.dispatchLine('/chips qwen', moderator, { locale: 'en' }),
      'figures',
    );
    expect(chips.figures.map((f) => f.value)).toContain('10,000 GPUs');

    const doubt =
      '{kind: estimate, says: {en: "Only 5,000.", id: "Hanya 5.000."}, citations: [{source: sahkato-2025-08, quote: x}], reason: {en: Different count., id: Hitungan beda.}}';
    // A dispute of a number must carry the other side's number; doubt alone is a note.
    expect(expectKind(await kb(a, `dispute qwen-training-gpus ${doubt} | x`), 'error').message).toContain(
      "needs the other side's value",
    );
    const dispute = doubt.replace(
      'citations:',
      'value: {type: amount, amount: 5000, unit: gpu, original: "5.000 GPU"}, citations:',
    );
    const disputeAnswer = await kb(a, `dispute qwen-training-gpus ${dispute} | second source`);
    expect(disputeAnswer.kind, JSON.stringify(disputeAnswer)).toBe('figures');
    const disputed = expectKind(
      await a.core.dispatchLine('/chips qwen', moderator, { locale: 'en' }),
      'figures',
    );
    expect(disputed.figures.find((f) => f.id === 'qwen-training-gpus')?.disputes[0]?.says).toBe(
      'Only 5,000.',
    );
    expect(expectKind(await kb(a, 'resolve qwen-training-gpus 2 | x'), 'error').message).toBe(
      'qwen-training-gpus has 1 disputes; give a number from 1 to 1.',
    );
    await kb(a, 'resolve qwen-training-gpus 1 | settled');
    const resolved = expectKind(
      await a.core.dispatchLine('/chips qwen', moderator, { locale: 'en' }),
      'figures',
    );
    expect(resolved.figures.find((f) => f.id === 'qwen-training-gpus')?.disputes).toEqual([]);
    expect(expectKind(await kb(a, 'history qwen-training-gpus'), 'info').lines).toHaveLength(3);
  });

  test('retract keeps the figure visible, flagged as retracted', async () => {
    const a = await app();
    expect(expectKind(await kb(a, 'reload'), 'info').lines[0]).toMatch(
      /^Knowledge reloaded: \d+ figures from 8 sources\.$/,
    );
    await kb(a, 'retract r1-cost-strategies | unsupported by the paper');
    const figures = expectKind(await a.core.dispatchLine('/cost r1', moderator), 'figures').figures;
    expect(figures.find((f) => f.id === 'r1-cost-strategies')?.statusLabel).toBe('retracted');
  });

  test('bad edits are refused with the field named and nothing changes', async () => {
    const a = await app();
    const cases: [string, string][] = [
      ['edit r1-training-cost colour red | x', 'I can’t edit “colour”. Editable fields:'],
      ['edit r1-training-cost status rumoured | x', 'That value for status is not valid:'],
      [
        'edit r1-training-cost as_of 19/09/2025 | x',
        'That value for as_of is not valid: expected YYYY, YYYY-MM or YYYY-MM-DD',
      ],
      ['edit r1-training-cost value.amount -5 | x', 'That value for value.amount is not valid:'],
      ['edit r1-training-cost status reported', 'Every change needs a reason'],
      ['edit no-such-figure status disputed | x', 'There is no figure “no-such-figure”.'],
      ['undo c42 | x', 'There is no change “c42”.'],
      ['frobnicate', 'Use: /kb add'],
    ];
    for (const [text, message] of cases) {
      expect(expectKind(await kb(a, text), 'error').message, text).toContain(message);
    }
    expect((await cost(a))?.status).toBe('confirmed');
    expect(expectKind(await kb(a, 'history r1-training-cost'), 'info').lines).toEqual([
      'No changes from chat yet; the figure is as in the files.',
    ]);
  });

  test('anyone else gets a polite refusal in their language and nothing changes', async () => {
    const a = await app();
    const refused = expectKind(await kb(a, 'edit r1-training-cost status reported | x', member), 'error');
    expect(refused.message).toBe('Hanya moderator yang bisa melakukan itu.');
    expect((await cost(a))?.status).toBe('confirmed');
  });

  test('changes live in the embedded SQLite store and survive a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-kb-restart-'));
    const first = await app({ dataDir });
    await kb(first, 'edit r1-training-cost scope.en RL stages only (test). | clarify');
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const second = await app({ dataDir });
    expect((await cost(second))?.scope).toBe('RL stages only (test).');
  });

  /** Two bot processes on one store: a change in one is served by the other within about a second. */
  async function sharedStore(storeUrl: string | undefined, dataDir: string) {
    // A prefix of its own keeps this run apart from every other user of the same Redis.
    const redisPrefix = `factdesk-test-${process.pid}-${Date.now()}:`;
    const a = await app({ storeUrl, dataDir, redisPrefix });
    const b = await app({ storeUrl, dataDir, redisPrefix });
    const stop = b.editor.followOtherProcesses();
    try {
      await kb(a, 'edit r1-training-cost status reported | seen by every process');
      for (let i = 0; i < 100 && (await cost(b))?.status !== 'disputed'; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await cost(b))?.status).toBe('reported');
    } finally {
      stop();
    }
  }

  test('two processes sharing the SQLite file see each other’s change', async () => {
    await sharedStore(undefined, await mkdtemp(path.join(tmpdir(), 'factdesk-kb-shared-')));
  });

  test.runIf(process.env.REDIS_URL)('two processes sharing Redis see each other’s change', async () => {
    await sharedStore(process.env.REDIS_URL, '/nonexistent');
  });

  test('a concurrent edit of the same figure gets "changed meanwhile" instead of overwriting', async () => {
    const shared = memoryChangeLog();
    const loadFiles = () => loadKnowledge(KNOWLEDGE_DIR);
    const other = createKnowledgeEditor({
      changes: shared,
      loadFiles,
      publish: () => undefined,
      logger: silentLogger,
    });
    let raced = false;
    // This editor's store lets the other moderator's edit land between its read and its write.
    const racing: ChangeLogStore = {
      ...shared,
      async append(target, expected, body) {
        if (!raced) {
          raced = true;
          await other.edit(moderator, 'r1-training-cost', 'status', 'contradicted', 'first');
        }
        return shared.append(target, expected, body);
      },
    };
    const editor = createKnowledgeEditor({
      changes: racing,
      loadFiles,
      publish: () => undefined,
      logger: silentLogger,
    });
    await expect(
      editor.edit(moderator, 'r1-training-cost', 'status', 'reported', 'second'),
    ).rejects.toMatchObject(new UserError('kbChangedMeanwhile', { figure: 'r1-training-cost' }));
    expect((await other.history('r1-training-cost')).map((e) => e.reason)).toEqual(['first']);
    // The loser's next edit, of another figure, is recorded after the winner's.
    const edited = await editor.edit(moderator, 'r1-cost-strategies', 'status', 'reported', 'third');
    expect(edited.id).toBe('c2');
  });
});

describe('editing the files', () => {
  test('a valid edit is picked up; a corrupted file keeps the last good knowledge and says which file and line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-watch-'));
    await cp(KNOWLEDGE_DIR, dir, { recursive: true });
    const a = await app({ knowledgeDir: dir });
    const outcomes: string[] = [];
    const stop = watchKnowledgeDir(
      dir,
      () => {
        a.editor.reload().then(
          (fresh) => outcomes.push(`ok ${fresh.figures.length}`),
          (err: unknown) => outcomes.push(`error ${(err as Error).message}`),
        );
      },
      50,
    );
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && outcomes.length < n; i++) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      const costs = path.join(dir, 'figures', 'costs.yaml');
      const original = await readFile(costs, 'utf8');
      await writeFile(costs, original.replace('amount: 294000', 'amount: 294001'));
      await waitFor(1);
      expect(outcomes[0]).toMatch(/^ok \d+/);
      expect((await cost(a))?.value).toBe('about $294,001');

      await writeFile(costs, `${original}\n  - id: [broken\n`);
      await waitFor(2);
      expect(outcomes[1]).toMatch(
        /^error Invalid knowledge .*\n {2}.*figures\/costs\.yaml:\d+: YAML syntax/s,
      );
      expect((await cost(a))?.value).toBe('about $294,001');
    } finally {
      stop();
    }
  });
});

describe('exporting the knowledge with moderators’ changes', () => {
  test('export writes the files back with the change, keeps comments, and loading the export gives the same answers', async () => {
    const { exportKnowledge } = await import('../../src/knowledge/export.js');
    const a = await app();
    await kb(a, 'edit r1-training-cost status reported | exported change');
    await kb(a, 'retract r1-cost-strategies | exported retraction');
    const files = await loadKnowledge(KNOWLEDGE_DIR);
    const current = a.core.knowledge();
    const merged = { ...files, figures: [...current.figures] };
    const out = await mkdtemp(path.join(tmpdir(), 'factdesk-export-'));
    const written = await exportKnowledge(KNOWLEDGE_DIR, files, merged, out);
    expect(written).toContain(path.join('figures', 'costs.yaml'));

    const costs = await readFile(path.join(out, 'figures', 'costs.yaml'), 'utf8');
    expect(costs).toContain('# Training and build costs.');
    const reloaded = await app({ knowledgeDir: out });
    for (const line of ['/cost r1', '/chips deepseek', '/disputed']) {
      const before = await a.core.dispatchLine(line, moderator, { locale: 'id' });
      const after = await reloaded.core.dispatchLine(line, moderator, { locale: 'id' });
      expect(after, line).toEqual(before);
    }
    expect((await cost(reloaded))?.status).toBe('reported');
  });
});
