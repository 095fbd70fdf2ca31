/** Markup that is already safe: built by `html` from escaped values and trusted template text. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `html`: text (escaped), markup, numbers, nothing, or lists of these. */
export type HtmlValue = Html | string | number | false | null | undefined | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/**
 * The one way pages build markup: every interpolated string is escaped, so knowledge and user text can
 * never become tags or attributes. Only the template's own literal text is trusted.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  const parts = literals(strings);
  let out = parts[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (parts[i + 1] ?? '');
  return new Html(out);
}

// The templates' own indentation is for the source, not the reader: drop it once per template.
const trimmed = new WeakMap<TemplateStringsArray, readonly string[]>();
function literals(strings: TemplateStringsArray): readonly string[] {
  let parts = trimmed.get(strings);
  if (!parts) {
    parts = strings.map((s) => s.replace(/\n\s+/g, '\n'));
    trimmed.set(strings, parts);
  }
  return parts;
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the JavaScript line
 * separators are written as \u escapes, so no text inside can close the script element.
 */
export function jsonForScript(value: unknown): Html {
  return new Html(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/** An external link target: only http(s) URLs pass; anything else becomes an inert `#`. */
export function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
