import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { PropertySchema } from '../src/knowledge/schema.js';

/**
 * Writes a synthetic knowledge directory shaped like the real one: `figures` figures spread over
 * figures/10 entities, 50 sources, every figure cited twice and one in five disputed (with the other
 * side's value, as the cross-checks require of a disputed number).
 */
export async function generateKnowledge(dir: string, figures: number): Promise<void> {
  const entityCount = Math.max(1, Math.floor(figures / 10));
  const sources = Array.from({ length: 50 }, (_, i) => ({
    id: `src-${i}`,
    outlet: `Outlet ${i}`,
    title: `Article ${i} about AI costs`,
    url: `https://example.org/article/${i}`,
    language: i % 2 === 0 ? 'en' : 'id',
    published: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
    kind: 'news',
  }));
  const entities = Array.from({ length: entityCount }, (_, i) => ({
    id: `model-${i}`,
    kind: 'model',
    name: `Model ${i}`,
    aliases: { en: [`m${i}`, `model number ${i}`], id: [`model ke ${i}`] },
    description: { en: `Synthetic model ${i}.`, id: `Model sintetis ${i}.` },
    featured: i < 10,
  }));
  await mkdir(path.join(dir, 'figures'), { recursive: true });
  await writeFile(path.join(dir, 'sources.yaml'), stringify({ sources }));
  await writeFile(path.join(dir, 'entities.yaml'), stringify({ entities }));
  const perFile = 5000;
  for (let start = 0; start < figures; start += perFile) {
    const lines = ['figures:'];
    for (let n = start; n < Math.min(start + perFile, figures); n++) lines.push(figureYaml(n, entityCount));
    await writeFile(
      path.join(dir, 'figures', `part-${String(start / perFile).padStart(7, '0')}.yaml`),
      `${lines.join('\n')}\n`,
    );
  }
}

const PROPERTIES = PropertySchema.options;

/**
 * Figure `n` as the `yaml` package would write it inside a `figures:` list, written as text directly:
 * stringifying a million objects takes minutes, and the generated text must not vary.
 */
function figureYaml(n: number, entityCount: number): string {
  const disputed = n % 5 === 0;
  const lines = [
    `  - id: fig-${n}`,
    `    subject: model-${n % entityCount}`,
    `    property: ${PROPERTIES[n % PROPERTIES.length] ?? 'training_cost'}`,
    '    value:',
    '      type: amount',
    `      amount: ${1000 + n}`,
    '      unit: USD',
    '      qualifier: about',
    `      original: US$${1000 + n}`,
    '    scope:',
    `      en: Training stage ${n} only; excludes pre-training.`,
    `      id: Hanya tahap ${n}; tanpa pra-pelatihan.`,
    '    as_of: 2025-09-17',
    `    status: ${disputed ? 'disputed' : 'reported'}`,
    '    citations:',
    `      - source: src-${n % 50}`,
    `        quote: the model cost about US$${1000 + n} to train`,
    `      - source: src-${(n + 7) % 50}`,
    `        quote: biaya pelatihan sekitar US$${1000 + n}`,
  ];
  if (disputed) {
    lines.push(
      '    disputes:',
      '      - kind: scope',
      '        says:',
      `          en: It cost ${2000 + n}.`,
      `          id: Biayanya ${2000 + n}.`,
      '        value:',
      '          type: amount',
      `          amount: ${2000 + n}`,
      '          unit: USD',
      `          original: US$${2000 + n}`,
      '        citations:',
      `          - source: src-${(n + 3) % 50}`,
      `            quote: cost ${2000 + n}`,
      '        reason:',
      '          en: Different stages counted.',
      '          id: Tahap yang dihitung berbeda.',
    );
  }
  return lines.join('\n');
}
