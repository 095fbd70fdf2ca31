import { readFile } from 'node:fs/promises';
import { LineCounter, isNode, parse, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from './errors.js';
import { KnowledgeFileSchema, type Knowledge, type KnowledgeFile } from './schema.js';
import { crossCheck, type Located } from './cross-check.js';
import { parseYamlFast } from './yaml-text.js';
import { displayName, knowledgeFiles, SECTIONS } from './files.js';

export { displayName, knowledgeFiles, listKnowledgeFiles, SECTIONS, type Section } from './files.js';

/** A validated file; its text is kept so that a later check can still point at a line. */
export interface ParsedFile {
  file: string;
  text: string;
  data: KnowledgeFile;
}

/**
 * Reads, validates and merges every YAML file under `dir`, all in memory. The bot loads compiled
 * knowledge instead (`loadCompiledKnowledge`), which is read from disk on demand.
 * @throws KnowledgeError listing every problem (file, line, field); nothing partial is returned.
 */
export async function loadKnowledge(dir: string): Promise<Knowledge> {
  const files = await knowledgeFiles(dir);
  const texts = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  return parseKnowledge(texts.map(({ file, text }) => ({ file: displayName(file), text })));
}

/**
 * Validates and merges knowledge given as file texts (the loader's pure half, also used by /kb and tests).
 * @throws KnowledgeError
 */
export function parseKnowledge(files: readonly { file: string; text: string }[]): Knowledge {
  const issues: KnowledgeIssue[] = [];
  const parsed: ParsedFile[] = [];
  for (const { file, text } of files) {
    const result = parseFile(file, text);
    if ('issues' in result) issues.push(...result.issues);
    else parsed.push(result);
  }
  if (issues.length > 0) throw new KnowledgeError(issues);

  const knowledge: Knowledge = { sources: [], entities: [], figures: [], rates: [], changes: [] };
  const where = new Map<object, Located>();
  for (const p of parsed) {
    let located: Positions | undefined;
    for (const section of SECTIONS) {
      p.data[section]?.forEach((record: object, index: number) => {
        where.set(record, (sub) => {
          const keys = [section, index, ...sub];
          located ??= positions(p.text);
          return { file: p.file, line: lineOf(located, keys), field: formatPath(keys) };
        });
      });
    }
    knowledge.sources.push(...(p.data.sources ?? []));
    knowledge.entities.push(...(p.data.entities ?? []));
    knowledge.figures.push(...(p.data.figures ?? []));
    knowledge.rates.push(...(p.data.rates ?? []));
    knowledge.changes.push(...(p.data.changes ?? []));
  }
  const crossIssues = crossCheck(knowledge, (record) => where.get(record));
  if (crossIssues.length > 0) throw new KnowledgeError(crossIssues);
  return knowledge;
}

/** One file's text read and checked by its schema (the part of loading that can be done per file). */
export function parseFile(file: string, text: string): ParsedFile | { issues: KnowledgeIssue[] } {
  // The fast path (js-yaml, ten times faster) builds no position information; the `yaml` package reads
  // the file again only when it has an error to locate, or when js-yaml refuses what `yaml` accepts.
  let value: unknown;
  try {
    value = (parseYamlFast(text) ?? { value: parse(text, { uniqueKeys: true }) }).value;
  } catch {
    const { doc, lines } = positions(text);
    return {
      issues: doc.errors.map((e) => ({
        file,
        line: lines.linePos(e.pos[0]).line,
        message: `YAML syntax: ${e.message.split('\n')[0] ?? e.code}`,
      })),
    };
  }
  const result = KnowledgeFileSchema.safeParse(value ?? {});
  if (result.success) return { file, text, data: result.data };
  const located = positions(text);
  return { issues: result.error.issues.map((issue) => toIssue(file, located, issue)) };
}

interface Positions {
  doc: Document;
  lines: LineCounter;
}

/** The YAML document with source positions, for pointing at the line of a field. */
function positions(text: string): Positions {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

function toIssue(file: string, p: Positions, issue: z.core.$ZodIssue): KnowledgeIssue {
  const keys = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const message =
    issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  return { file, line: lineOf(p, keys), field: formatPath(keys), message };
}

/** The line of the deepest existing YAML node on `keys` (a missing field points at its parent). */
function lineOf(p: Positions, keys: readonly (string | number)[]): number | undefined {
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = p.doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return p.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** `figures[2].citations[0].source` from `['figures', 2, 'citations', 0, 'source']`. */
export function formatPath(keys: readonly (string | number)[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
