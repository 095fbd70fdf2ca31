import { PROPERTY_KEYWORDS } from './properties.js';
import type { Entity, Figure } from './schema.js';
import { words } from './text.js';

/** The text /fact matches a figure on: its subjects' names, property, value, scope and quotes. */
export function searchText(f: Figure, entityOf: (id: string) => Entity | undefined): string {
  const names = [f.subject, ...f.also_about].flatMap((id) => {
    const e = entityOf(id);
    return e ? [e.name, ...e.aliases.en, ...e.aliases.id] : [];
  });
  const value = f.value.type === 'text' ? `${f.value.text.en} ${f.value.text.id}` : f.value.original;
  return [
    ...names,
    f.property.replace(/_/g, ' '),
    PROPERTY_KEYWORDS[f.property],
    value,
    f.scope.en,
    f.scope.id,
    ...f.citations.map((c) => c.quote ?? ''),
  ].join(' ');
}

/** The distinct words /fact finds a figure by. */
export function figureWords(f: Figure, entityOf: (id: string) => Entity | undefined): Set<string> {
  return new Set(words(searchText(f, entityOf)));
}
