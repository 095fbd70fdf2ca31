import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { KnowledgeError, formatIssue } from '../../src/knowledge/errors.js';
import { loadCompiledKnowledge } from '../../src/knowledge/compiled.js';
import type { KnowledgeSet } from '../../src/knowledge/figure-store.js';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { loadKnowledge, parseKnowledge } from '../../src/knowledge/load.js';

const SOURCES = `sources:
  - id: src-a
    outlet: Outlet A
    title: A title
    url: https://example.org/a
    language: id
    published: 2025-09-19
    kind: news
`;
const ENTITIES = `entities:
  - id: model-x
    kind: model
    name: Model X
    aliases: { en: [x1], id: [] }
    description: { en: A model., id: Sebuah model. }
`;
const figure = (overrides = '') => `figures:
  - id: x-cost
    subject: model-x
    property: training_cost
    value: { type: amount, amount: 100, unit: USD, original: US$100 }
    scope: { en: Everything., id: Semuanya. }
    as_of: 2025-09-19
    status: reported
    citations:
      - source: src-a
        quote: biaya US$100
${overrides}`;

/** Parses the three files and returns the issues, or [] when valid. */
function issuesOf(figures: string, extra: { file: string; text: string }[] = []) {
  try {
    parseKnowledge([
      { file: 'sources.yaml', text: SOURCES },
      { file: 'entities.yaml', text: ENTITIES },
      { file: 'figures.yaml', text: figures },
      ...extra,
    ]);
    return [];
  } catch (err) {
    if (err instanceof KnowledgeError) return err.issues;
    throw err;
  }
}

describe('knowledge validation', () => {
  test('a well-formed minimal knowledge is accepted', () => {
    expect(issuesOf(figure())).toEqual([]);
  });

  test('confirmed needs a primary citation, deprecated needs a reason, a dispute of a number needs a counter-value', () => {
    const confirmed = issuesOf(figure().replace('status: reported', 'status: confirmed'));
    expect(confirmed.map((i) => [i.field, i.message])).toEqual([
      [
        'figures[0].status',
        'status confirmed needs a citation of a primary source; use reported for news only',
      ],
    ]);
    const primary = SOURCES.replace('kind: news', 'kind: primary');
    expect(
      issuesOf(figure().replace('status: reported', 'status: confirmed'), [
        { file: 'more-sources.yaml', text: primary.replace('id: src-a', 'id: src-p') },
      ]).length,
    ).toBe(1); // a primary source that is not cited does not help
    const deprecated = issuesOf(figure('    rank: deprecated\n'));
    expect(deprecated.map((i) => i.message)).toEqual([
      'a deprecated figure needs a deprecated_reason (why it is wrong for this scope)',
    ]);
    expect(
      issuesOf(
        figure('    rank: deprecated\n    deprecated_reason: { en: Wrong scope., id: Cakupan salah. }\n'),
      ),
    ).toEqual([]);
    const dispute = (value: string) =>
      figure(`    status: disputed
    disputes:
      - kind: estimate
        says: { en: Less., id: Lebih sedikit. }
${value}        citations: [{ source: src-a, quote: x }]
        reason: { en: Different count., id: Hitungan beda. }
`).replace('    status: reported\n', '');
    expect(issuesOf(dispute('')).map((i) => i.field)).toEqual(['figures[0].disputes[0]']);
    expect(
      issuesOf(dispute('        value: { type: amount, amount: 50, unit: USD, original: US$50 }\n')),
    ).toEqual([]);
  });

  test('a figure without citations is refused, naming file, line and field', () => {
    const text = figure().replace(/ {4}citations:\n.*\n.*\n/, '    citations: []\n');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'figures.yaml', line: 9, field: 'figures[0].citations' });
    expect(formatIssue(issue!)).toBe(
      'figures.yaml:9 figures[0].citations: every figure needs at least one citation',
    );
  });

  test('a citation of an unknown source is refused at the line of that citation', () => {
    const [issue] = issuesOf(figure().replace('source: src-a', 'source: src-b'));
    expect(issue).toMatchObject({ line: 10, field: 'figures[0].citations[0].source' });
    expect(issue?.message).toContain('unknown source "src-b"');
  });

  test('an unknown subject, a bad URL, a bad date, a bad status and an unknown field are each reported', () => {
    expect(issuesOf(figure().replace('subject: model-x', 'subject: model-y'))[0]?.message).toContain(
      'unknown entity "model-y"',
    );
    const badUrl = issuesOf(figure(), [
      {
        file: 'more.yaml',
        text: SOURCES.replace('src-a', 'src-c').replace('https://example.org/a', 'not a url'),
      },
    ]);
    expect(badUrl[0]).toMatchObject({ file: 'more.yaml', field: 'sources[0].url' });
    expect(issuesOf(figure().replace('as_of: 2025-09-19', 'as_of: 19/09/2025'))[0]).toMatchObject({
      field: 'figures[0].as_of',
      message: 'expected YYYY, YYYY-MM or YYYY-MM-DD',
    });
    expect(issuesOf(figure().replace('status: reported', 'status: rumoured'))[0]?.field).toBe(
      'figures[0].status',
    );
    expect(issuesOf(figure('    colour: red\n'))[0]?.message).toBe('unknown field(s) colour');
  });

  test('a citation with neither quote nor paraphrase is refused', () => {
    const [issue] = issuesOf(figure().replace('        quote: biaya US$100\n', '        where: page 2\n'));
    expect(issue?.message).toContain('needs a quote');
  });

  test('a disputed figure must list its disputes, and each side must be cited', () => {
    expect(issuesOf(figure().replace('status: reported', 'status: disputed'))[0]?.message).toContain(
      'no disputes are listed',
    );
    const uncited = `    disputes:
      - kind: scope
        says: { en: Other., id: Lain. }
        citations: []
        reason: { en: Because., id: Karena. }
`;
    expect(issuesOf(figure(uncited))[0]?.message).toBe('each side of a dispute must be cited');
  });

  test('duplicate ids and YAML syntax errors are reported with their lines', () => {
    const dup = issuesOf(figure() + figure().replace('figures:\n', ''));
    expect(dup[0]).toMatchObject({ line: 12, message: 'duplicate figure id "x-cost"' });
    const syntax = issuesOf('figures:\n  - id: [unclosed\n');
    expect(syntax[0]?.file).toBe('figures.yaml');
    expect(syntax[0]?.message).toMatch(/^YAML syntax/);
  });

  test('a duplicate key is still an error with its line, though the fast parser reads the file first', () => {
    const [issue] = issuesOf(
      figure().replace('    status: reported\n', '    status: reported\n    status: confirmed\n'),
    );
    expect(issue).toMatchObject({ file: 'figures.yaml', line: 9 });
    expect(issue?.message).toMatch(/^YAML syntax: Map keys must be unique/);
  });

  test('the fast parser reads every knowledge file exactly as the yaml package does', async () => {
    const { readFile: read } = await import('node:fs/promises');
    const { parse } = await import('yaml');
    const { parseYamlFast } = await import('../../src/knowledge/yaml-text.js');
    const { listKnowledgeFiles } = await import('../../src/knowledge/load.js');
    const files = await listKnowledgeFiles(path.resolve(import.meta.dirname, '../../knowledge'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = await read(file, 'utf8');
      expect(parseYamlFast(text)?.value, file).toEqual(parse(text));
    }
  });

  test('a range whose max is not above its amount is refused', () => {
    const [issue] = issuesOf(figure().replace('amount: 100,', 'amount: 100, max: 50,'));
    expect(issue).toMatchObject({
      field: 'figures[0].value.max',
      message: 'max must be greater than amount',
    });
  });

  test('a relation names a known entity or a place, and trains_in needs a place', () => {
    expect(issuesOf(figure('    relations: [{ relation: trains_in, place: malaysia }]\n'))).toEqual([]);
    const unknown = issuesOf(figure('    relations: [{ relation: trained_on, object: no-such-chip }]\n'));
    expect(unknown.map((i) => [i.field, i.message])).toEqual([
      ['figures[0].relations[0].object', 'unknown entity "no-such-chip"'],
    ]);
    const noPlace = issuesOf(figure('    relations: [{ relation: trains_in, object: model-x }]\n'));
    expect(noPlace.map((i) => i.message)).toEqual([
      'trains_in needs a place; the other relations need an object',
    ]);
    const badPlace = issuesOf(figure('    relations: [{ relation: trains_in, place: atlantis }]\n'));
    expect(badPlace[0]?.field).toBe('figures[0].relations[0].place');
  });

  test('every problem is listed at once, in one readable message', () => {
    const text = figure()
      .replace('subject: model-x', 'subject: nope')
      .replace('source: src-a', 'source: gone');
    try {
      parseKnowledge([
        { file: 'sources.yaml', text: SOURCES },
        { file: 'entities.yaml', text: ENTITIES },
        { file: 'figures.yaml', text },
      ]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(KnowledgeError);
      expect((err as Error).message).toMatch(
        /^Invalid knowledge \(2 problems\):\n {2}figures\.yaml:3 figures\[0\]\.subject: unknown entity "nope"\n/,
      );
    }
  });

  test('loading a directory without YAML files says so', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-empty-'));
    await writeFile(path.join(dir, 'notes.txt'), 'not knowledge');
    await expect(loadKnowledge(dir)).rejects.toThrow(/no \.yaml files found/);
  });
});

describe('the compiled knowledge', () => {
  const copyKnowledge = async () => {
    const { cp } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-kb-'));
    await cp(path.resolve(import.meta.dirname, '../../knowledge'), dir, { recursive: true });
    return dir;
  };
  const asPlain = (k: KnowledgeSet) => ({ ...k, figures: [...k.figures] });

  test('a first load compiles the files; a second opens the compiled file; answers are those of the files', async () => {
    const { readdir } = await import('node:fs/promises');
    const dir = await copyKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-'));
    const files = await loadKnowledge(dir);
    const first = await loadCompiledKnowledge(dir, dataDir);
    expect(asPlain(first)).toEqual(files);
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'))).toEqual([
      expect.stringMatching(/^knowledge-[0-9a-f]{24}\.sqlite$/),
    ]);
    const again = await loadCompiledKnowledge(dir, dataDir);
    expect(asPlain(again)).toEqual(files);
    const kb = new KnowledgeIndex(again);
    const plain = new KnowledgeIndex(files);
    expect(kb.figure('r1-training-cost')).toEqual(plain.figure('r1-training-cost'));
    expect(kb.figuresAbout('deepseek').map((f) => f.id)).toEqual(
      plain.figuresAbout('deepseek').map((f) => f.id),
    );
    expect(kb.figuresCiting('trenasia-2025-09-19').map((f) => f.id)).toEqual(
      plain.figuresCiting('trenasia-2025-09-19').map((f) => f.id),
    );
    expect(kb.disputedFigures().map((f) => f.id)).toEqual(plain.disputedFigures().map((f) => f.id));
    for (const query of ['biaya latih gpt-4', 'r1 gpu hours', 'h800 export'])
      expect(
        kb.searchFigures(query).map((f) => f.id),
        query,
      ).toEqual(plain.searchFigures(query).map((f) => f.id));
  });

  test('a changed file is compiled again, alone; the old compiled file is replaced', async () => {
    const { readdir, readFile: read, writeFile: write } = await import('node:fs/promises');
    const dir = await copyKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-'));
    await loadCompiledKnowledge(dir, dataDir);
    const [before] = (await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'));

    const costs = path.join(dir, 'figures', 'costs.yaml');
    await write(costs, (await read(costs, 'utf8')).replace('amount: 294000', 'amount: 294001'));
    const parsed: string[] = [];
    const changed = new KnowledgeIndex(
      await loadCompiledKnowledge(dir, dataDir, { onParse: (name) => parsed.push(name) }),
    );
    expect(parsed).toEqual([path.join('figures', 'costs.yaml')]);
    expect(changed.figure('r1-training-cost')?.value).toMatchObject({ amount: 294001 });
    expect(changed.source('nature-2025-09-17')?.outlet).toBe('Nature');
    const after = (await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'));
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  test('a file changed with its size and modification time put back is still read again', async () => {
    const { readFile: read, writeFile: write, utimes, stat } = await import('node:fs/promises');
    const dir = await copyKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-'));
    await loadCompiledKnowledge(dir, dataDir);
    const costs = path.join(dir, 'figures', 'costs.yaml');
    const { atime, mtime } = await stat(costs);
    // Same length, same modification time: only the change time tells.
    await write(costs, (await read(costs, 'utf8')).replace('amount: 294000', 'amount: 394000'));
    await utimes(costs, atime, mtime);
    const kb = new KnowledgeIndex(await loadCompiledKnowledge(dir, dataDir));
    expect(kb.figure('r1-training-cost')?.value).toMatchObject({ amount: 394000 });
  });

  test('records compiled under another schema are never reused unchecked', async () => {
    const { readdir } = await import('node:fs/promises');
    const Database = (await import('better-sqlite3')).default;
    const { cp } = await import('node:fs/promises');
    const dir = await copyKnowledge();
    const compiledHere = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-'));
    await loadCompiledKnowledge(dir, compiledHere);
    // A copy this process has not opened (it keeps the files it serves locked for reading), edited as an
    // older version would have written it: another format, and figures without a newer field.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-'));
    await cp(compiledHere, dataDir, { recursive: true });
    for (const name of (await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'))) {
      const db = new Database(path.join(dataDir, name));
      db.prepare("UPDATE meta SET value = '2' WHERE key = 'format'").run();
      db.prepare("UPDATE figures SET body = json_remove(body, '$.relations')").run();
      db.close();
    }
    const { writeFile: write, readFile: read } = await import('node:fs/promises');
    const dates = path.join(dir, 'figures', 'dates.yaml');
    await write(dates, `${await read(dates, 'utf8')}\n`);
    const kb = new KnowledgeIndex(await loadCompiledKnowledge(dir, dataDir));
    expect(kb.figure('r2-training-hardware')?.relations.length).toBeGreaterThan(0);
  });

  test('invalid files are refused with their lines, and the last compiled knowledge stays', async () => {
    const { readdir, readFile: read, writeFile: write } = await import('node:fs/promises');
    const dir = await copyKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-compiled-'));
    await loadCompiledKnowledge(dir, dataDir);
    const compiled = await readdir(dataDir);
    const costs = path.join(dir, 'figures', 'costs.yaml');
    const good = await read(costs, 'utf8');
    await write(costs, good.replace('subject: deepseek-r1', 'subject: no-such-model'));
    const error = await loadCompiledKnowledge(dir, dataDir).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(KnowledgeError);
    const [issue] = (error as KnowledgeError).issues;
    expect(issue?.file).toMatch(/costs\.yaml$/);
    expect(issue?.line).toBeGreaterThan(0);
    expect(issue?.message).toBe('unknown entity "no-such-model"');
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'))).toEqual(
      compiled.filter((f) => f.endsWith('.sqlite')),
    );
    await write(costs, good);
    expect((await loadCompiledKnowledge(dir, dataDir)).figures.length).toBe(
      (await loadKnowledge(dir)).figures.length,
    );
  });
});
