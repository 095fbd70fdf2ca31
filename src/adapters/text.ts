/** Node 20 has `String.prototype.toWellFormed` (ES2024); the ES2023 lib this project builds with does not type it. */
type WellFormable = string & { toWellFormed(): string; isWellFormed(): boolean };

/** The text with every unpaired UTF-16 surrogate replaced by U+FFFD: Telegram and Discord reject lone ones. */
export function wellFormed(text: string): string {
  return (text as WellFormable).toWellFormed();
}

/**
 * JSON-like data (an API payload) with every string in it made well-formed. Parts that need no change
 * are shared, not copied, so data that is already clean (most of it, and cached answers) costs a walk.
 */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') {
    const text: string = value;
    return ((text as WellFormable).isWellFormed() ? text : wellFormed(text)) as T;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v: unknown, i) => {
      const clean = wellFormedDeep(v);
      if (clean !== v) (out ??= [...(value as unknown[])])[i] = clean;
    });
    return (out ?? value) as T;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const clean: unknown = wellFormedDeep(v);
      if (clean !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = clean;
    }
    return (out ?? value) as T;
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
