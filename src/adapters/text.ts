/** Node 20 has `String.prototype.toWellFormed` (ES2024); the ES2023 lib this project builds with does not type it. */
type WellFormable = string & { toWellFormed(): string };

/** The text with every unpaired UTF-16 surrogate replaced by U+FFFD: Telegram and Discord reject lone ones. */
export function wellFormed(text: string): string {
  return (text as WellFormable).toWellFormed();
}

/** A copy of JSON-like data (an API payload) with every string in it made well-formed. */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => wellFormedDeep(v)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = wellFormedDeep(v);
    return out as T;
  }
  return value;
}

/** At most `max` UTF-16 units of `text`, cut with … and never between the two halves of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
