import type { Locale } from '../knowledge/schema.js';
import type { Answer } from './answer.js';

/** Like encodeURIComponent, and brackets and quotes too, so a link survives inside Markdown `[text](url)`. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[()'*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Paths of the site's pages; the site routes them and chat answers link to them. */
export const pagePath = {
  home: () => '/',
  subject: (id: string) => `/s/${encode(id)}`,
  figure: (id: string) => `/f/${encode(id)}`,
  sources: () => '/sources',
  source: (id: string) => `/sources/${encode(id)}`,
  disputed: () => '/disputed',
  check: (statement: string) => `/check?q=${encode(statement)}`,
};

/** A page path with the answer language, absolute under `publicUrl`. */
export function pageUrl(publicUrl: string, path: string, locale: Locale): string {
  const base = publicUrl.replace(/\/+$/, '');
  if (locale === 'en') return `${base}${path}`;
  return `${base}${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}

/** The page with an answer's full details: one figure's page, its subject's, the check, or the list. */
export function answerPath(answer: Answer): string | undefined {
  switch (answer.kind) {
    case 'figures': {
      if (answer.command === 'kb') return undefined;
      const [only] = answer.figures;
      if (answer.figures.length === 1 && only) return pagePath.figure(only.id);
      if (answer.subject) return pagePath.subject(answer.subject.id);
      const subjects = new Set(answer.figures.map((f) => f.subject.id));
      const [subject] = subjects;
      return subjects.size === 1 && subject !== undefined ? pagePath.subject(subject) : undefined;
    }
    case 'check':
      return pagePath.check(answer.statement);
    case 'list': {
      if (answer.command === 'disputed') return pagePath.disputed();
      const [only] = answer.sources;
      if (answer.command === 'sources' && only && answer.sources.length === 1)
        return pagePath.source(only.id);
      return answer.command === 'sources' ? pagePath.sources() : undefined;
    }
    default:
      return undefined;
  }
}

/** The answer with a link to its page when the site has a public address (unchanged otherwise). */
export function withLink(answer: Answer, publicUrl: string | undefined): Answer {
  if (publicUrl === undefined) return answer;
  const path = answerPath(answer);
  return path === undefined ? answer : { ...answer, link: pageUrl(publicUrl, path, answer.locale) };
}
