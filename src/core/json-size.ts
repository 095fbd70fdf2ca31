/**
 * About how many characters `value` takes as JSON (within a few percent for answers and views), without
 * writing it out: ten times faster than `JSON.stringify(value).length`, cheap enough to weigh every
 * answer a cache keeps. Strings count their length, numbers and other scalars 8.
 */
export function jsonSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object' || value === null) return 8;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) size += jsonSize(value[i]) + 1;
    return size;
  }
  // `for…in` rather than Object.entries: no arrays of pairs to allocate for every object weighed (answers
  // and views are plain data, with nothing inherited to enumerate).
  const fields = value as Record<string, unknown>;
  for (const key in fields) size += key.length + 4 + jsonSize(fields[key]);
  return size;
}
