import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { KnowledgeError, formatIssue } from '../../src/knowledge/errors.js';
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

describe('the validated snapshot', () => {
  test('a second load of unchanged files reads the snapshot; a change or a damaged snapshot falls back to the YAML', async () => {
    const { cp, readdir, readFile: read, writeFile: write } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-snap-kb-'));
    const snapshotDir = await mkdtemp(path.join(tmpdir(), 'factdesk-snap-'));
    await cp(path.resolve(import.meta.dirname, '../../knowledge'), dir, { recursive: true });
    const first = await loadKnowledge(dir, { snapshotDir });
    const [snapshot, ...others] = await readdir(snapshotDir);
    expect(others).toEqual([]);
    expect(snapshot).toMatch(/^knowledge-[0-9a-f]{24}\.json$/);
    expect(await loadKnowledge(dir, { snapshotDir })).toEqual(first);

    // The loader trusts the snapshot only while it matches the files: prove it is read by marking it.
    const file = path.join(snapshotDir, snapshot!);
    const marked = (await read(file, 'utf8')).replace(
      '"outlet":"Nature"',
      '"outlet":"Nature (from snapshot)"',
    );
    await write(file, marked);
    expect(
      (await loadKnowledge(dir, { snapshotDir })).sources.find((s) => s.id === 'nature-2025-09-17')?.outlet,
    ).toBe('Nature (from snapshot)');

    await write(file, '{"not": "knowledge"}');
    expect(await loadKnowledge(dir, { snapshotDir })).toEqual(first);

    const costs = path.join(dir, 'figures', 'costs.yaml');
    await write(costs, (await read(costs, 'utf8')).replace('amount: 294000', 'amount: 294001'));
    const changed = await loadKnowledge(dir, { snapshotDir });
    expect(changed.figures.find((f) => f.id === 'r1-training-cost')?.value).toMatchObject({ amount: 294001 });
    expect(await readdir(snapshotDir)).toHaveLength(1);
  });
});
