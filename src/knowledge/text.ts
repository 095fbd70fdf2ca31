/** Invisible characters that users paste by accident (zero-width space/joiners, word joiner, BOM). */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// C0/C1 control characters, including ESC, which would let text drive a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Normalises user or knowledge text: NFKC, no invisible or control characters, single spaces, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Lowercase without diacritics, for comparing words across en and id spellings. */
export function foldCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The key aliases are matched on: case, spaces, hyphens, dots and underscores ignored,
 * so `DeepSeek R1`, `deepseek-r1` and `DEEPSEEK_R1` are one key.
 */
export function aliasKey(text: string): string {
  return foldCase(cleanText(text)).replace(/[\s\-_.·'’‐-―]/g, '');
}

/** Words of a text for search: letters and digits, with thousands separators inside numbers dropped. */
export function words(text: string): string[] {
  const found = foldCase(text).match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? [];
  return found.map((w) => (/^\p{N}/u.test(w) ? w.replace(/[.,]/g, '') : w));
}
