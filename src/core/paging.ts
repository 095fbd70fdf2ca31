import type { Answer } from './answer.js';
import { t } from './i18n/index.js';

/** How many figures one page of a list answer (`/disputed`, `/sources <id>`) shows. */
export const PAGE_SIZE = 4;

/** One page of a list, numbered from 1, with how many pages there are. */
export interface Page<T> {
  items: T[];
  number: number;
  count: number;
}

/**
 * Reads a page number: an explicit option, or a number at the end of the text typed after the command
 * (`/sources trenasia 2`). Anything that is not a positive whole number means the first page.
 */
export function splitPage(text: string | undefined, page?: string): { text: string; page: number } {
  const typed = (text ?? '').trim();
  const trailing = /^(.*?)\s*\b(\d{1,3})$/.exec(typed);
  const raw = page ?? trailing?.[2];
  const number = raw !== undefined && /^\d{1,3}$/.test(raw.trim()) ? Number(raw) : 1;
  return { text: page === undefined && trailing ? (trailing[1] ?? '') : typed, page: Math.max(1, number) };
}

/** What a page can be cut from: an array, or a list read only as far as asked (`FigureRange`). */
export interface Sliceable<T> {
  readonly length: number;
  slice(start?: number, end?: number): T[];
}

/** The items of one page; a page past the end shows the last one. Only that page's items are read. */
export function pageOf<T>(items: Sliceable<T>, page: number, size = PAGE_SIZE): Page<T> {
  const count = Math.max(1, Math.ceil(items.length / size));
  const number = Math.min(Math.max(1, page), count);
  return { items: items.slice((number - 1) * size, number * size), number, count };
}

/** "Page 1 of 3 · next: /disputed 2" under a paged list answer; undefined when it has one page. */
export function pageLine(answer: Answer): string | undefined {
  if (answer.kind !== 'list' || answer.page === undefined) return undefined;
  const { number, count } = answer.page;
  const line = t(answer.locale, 'answer.page', { page: number, pages: count });
  const next = answer.suggestions[0];
  return number < count && next !== undefined
    ? `${line} · ${t(answer.locale, 'answer.nextPage', { command: next })}`
    : line;
}
