import type { IncomingHttpHeaders } from 'node:http';
import type { Core } from '../core/core.js';
import type { GapCounter } from '../core/gaps.js';
import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Edit } from '../knowledge/overlay.js';
import type { Locale } from '../knowledge/schema.js';

/** What the site is built from; `main.ts` passes the running app's parts. */
export interface SiteDeps {
  core: Core;
  /** The site's address for absolute links (canonical, ClaimReview); relative links need none. */
  publicUrl: string;
  gaps?: GapCounter;
  /** Moderators' recorded changes of a figure, oldest first. */
  history?: (figureId: string) => Promise<Edit[]>;
  /** Who may see /gaps; without it nobody can. */
  adminToken?: string;
  /** Pages' language when neither `?lang=` nor Accept-Language names one we have (default en). */
  defaultLocale?: Locale;
}

/** One page request: its language, whether the reader chose it, and the knowledge snapshot to read. */
export interface PageContext {
  locale: Locale;
  /** The language came from `?lang=`, so links keep it. */
  chosen: boolean;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  kb: KnowledgeIndex;
  deps: SiteDeps;
}

/** A link to a page of the site, keeping the reader's chosen language. */
export function href(ctx: Pick<PageContext, 'locale' | 'chosen'>, path: string): string {
  if (!ctx.chosen) return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${ctx.locale}`;
}
