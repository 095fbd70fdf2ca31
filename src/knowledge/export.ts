import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { listKnowledgeFiles } from './load.js';
import type { Knowledge } from './schema.js';

/** Where moderators' new figures go when written back as files. */
const ADDED_FILE = path.join('figures', 'added-from-chat.yaml');
const ADDED_SOURCES_FILE = 'sources-added-from-chat.yaml';

/**
 * Writes `merged` (the files plus moderators' changes) back as YAML under `outDir`, file by file as in
 * `sourceDir`: unchanged figures keep their text and comments, changed ones are rewritten in the
 * schema's key order, removed ones dropped, and new ones gathered in one file for review.
 * @param files the knowledge as the files alone give it, to tell which figures changed
 * @returns the files written, relative to `outDir`
 */
export async function exportKnowledge(
  sourceDir: string,
  files: Knowledge,
  merged: Knowledge,
  outDir: string,
): Promise<string[]> {
  const byId = new Map(merged.figures.map((f) => [f.id, f]));
  const fromFiles = new Map(files.figures.map((f) => [f.id, JSON.stringify(f)]));
  const placed = new Set<string>();
  const written: string[] = [];
  for (const file of await listKnowledgeFiles(sourceDir)) {
    const relative = path.relative(sourceDir, file);
    const doc = parseDocument(await readFile(file, 'utf8'));
    const figures = doc.get('figures', true);
    if (isSeq(figures)) {
      figures.items = figures.items.flatMap((item) => {
        const id = isMap(item) ? item.get('id') : undefined;
        if (typeof id !== 'string') return [item];
        const figure = byId.get(id);
        if (!figure) return [];
        placed.add(id);
        // Only rewrite what changed, so comments and layout survive everywhere else.
        return fromFiles.get(id) === JSON.stringify(figure) ? [item] : [doc.createNode(figure)];
      });
    }
    await mkdir(path.dirname(path.join(outDir, relative)), { recursive: true });
    await writeFile(path.join(outDir, relative), doc.toString({ lineWidth: 0 }));
    written.push(relative);
  }
  const knownSources = new Set(files.sources.map((s) => s.id));
  const newSources = merged.sources.filter((s) => !knownSources.has(s.id));
  if (newSources.length > 0) {
    const doc = new Document({ sources: newSources });
    doc.commentBefore = ' Sources added by moderators from chat; review, then move them into sources.yaml.';
    await writeFile(path.join(outDir, ADDED_SOURCES_FILE), doc.toString({ lineWidth: 0 }));
    written.push(ADDED_SOURCES_FILE);
  }
  const added = merged.figures.filter((f) => !placed.has(f.id));
  if (added.length > 0) {
    const doc = new Document({ figures: added });
    doc.commentBefore =
      ' Figures added by moderators from chat; review, then move them into their topic file.';
    await mkdir(path.dirname(path.join(outDir, ADDED_FILE)), { recursive: true });
    await writeFile(path.join(outDir, ADDED_FILE), doc.toString({ lineWidth: 0 }));
    written.push(ADDED_FILE);
  }
  return written;
}
