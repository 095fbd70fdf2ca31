import type { RouteHandler } from '../adapters/http.js';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { KnowledgeIndex } from '../knowledge/index.js';
import { apiAnswer, apiFigure, openApi } from './api.js';
import { asset, ICON_PATH } from './assets.js';
import { checkPage } from './check-page.js';
import { claimReviewFeed } from './claimreview.js';
import type { PageContext, SiteDeps } from './context.js';
import { gapsPage } from './gaps-page.js';
import { pageLocale } from './locale.js';
import {
  disputedPage,
  figurePage,
  homePage,
  notFoundPage,
  sourcePage,
  sourcesPage,
  subjectPage,
} from './pages.js';
import { COMMON_HEADERS, jsonResponse, type WebRequest, type WebResponse } from './response.js';

export type { SiteDeps } from './context.js';

type Route = (ctx: PageContext, param: string) => WebResponse | Promise<WebResponse>;

/** Exact paths, then `/prefix/<one segment>` pages. */
const EXACT: Readonly<Record<string, Route>> = {
  '/': homePage,
  '/sources': sourcesPage,
  '/disputed': disputedPage,
  '/check': checkPage,
  '/gaps': gapsPage,
  '/api/answer': apiAnswer,
  '/claimreview.json': (ctx) =>
    jsonResponse(200, claimReviewFeed(ctx.kb, ctx.locale, ctx.deps.publicUrl), {
      'content-type': 'application/ld+json; charset=utf-8',
    }),
};
const PREFIXED: readonly [string, Route][] = [
  ['/s/', subjectPage],
  ['/f/', figurePage],
  ['/sources/', sourcePage],
  ['/api/figures/', apiFigure],
];

/** Decodes one path segment; undefined for a malformed escape or a nested path. */
function segment(rest: string): string | undefined {
  try {
    const decoded = decodeURIComponent(rest);
    return decoded && !decoded.includes('/') && decoded.length <= 200 ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the site: a function from request to response, plain data in and out (tests and benchmarks call it). */
export function createSite(deps: SiteDeps) {
  let spec: string | undefined;
  return async function respond(req: WebRequest): Promise<WebResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (req.method === 'OPTIONS' && req.path.startsWith('/api/'))
        return {
          status: 204,
          headers: {
            ...COMMON_HEADERS,
            'access-control-allow-origin': '*',
            'access-control-allow-methods': 'GET',
          },
          body: '',
        };
      return { status: 405, headers: { ...COMMON_HEADERS, allow: 'GET, HEAD' }, body: '' };
    }
    const file = asset(req.path);
    if (file) return file;
    if (req.path === '/favicon.ico')
      return { status: 301, headers: { ...COMMON_HEADERS, location: ICON_PATH }, body: '' };
    if (req.path === '/api/openapi.json') {
      spec ??= JSON.stringify(openApi(deps.publicUrl), null, 2);
      return { ...jsonResponse(200, null), body: spec };
    }
    const lang = req.query.get('lang');
    const ctx: PageContext = {
      locale: pageLocale(lang, req.headers['accept-language'], deps.defaultLocale ?? 'en'),
      chosen: lang === 'en' || lang === 'id',
      path: req.path,
      query: req.query,
      headers: req.headers,
      kb: deps.core.knowledge(),
      deps,
    };
    if (!isCacheable(req)) return route(ctx);
    // A snapshot never changes (a moderator's change publishes a new one), so neither do its pages.
    let pages = cache.get(ctx.kb);
    if (!pages || pages.size >= MAX_CACHED_PAGES) {
      pages = new Map();
      cache.set(ctx.kb, pages);
    }
    const key = `${ctx.locale}|${String(ctx.chosen)}|${req.path}?${req.query.toString()}`;
    let response = pages.get(key);
    if (!response) {
      response = await route(ctx);
      pages.set(key, response);
    }
    return response;
  };
}

const MAX_CACHED_PAGES = 2000;
const cache = new WeakMap<KnowledgeIndex, Map<string, WebResponse>>();

/**
 * Pages that depend only on the knowledge snapshot and the language. Questions (/check, searches, the API's
 * answers) always go through the core, which counts the misses; /gaps is never kept.
 */
function isCacheable(req: WebRequest): boolean {
  if (req.path === '/') return !req.query.has('q');
  return req.path !== '/check' && req.path !== '/gaps' && req.path !== '/api/answer';
}

function route(ctx: PageContext): WebResponse | Promise<WebResponse> {
  const exact = EXACT[ctx.path];
  if (exact) return exact(ctx, '');
  for (const [prefix, handler] of PREFIXED) {
    if (!ctx.path.startsWith(prefix)) continue;
    const param = segment(ctx.path.slice(prefix.length));
    if (param !== undefined) return handler(ctx, param);
  }
  return ctx.path.startsWith('/api/')
    ? jsonResponse(404, { error: 'not_found', message: 'No such API path; see /api/openapi.json.' })
    : notFoundPage(ctx);
}

/**
 * The site as the HTTP server's fallback route: GET and HEAD pages, the API and the feed; the
 * response is written whole, with its length.
 */
export function createSiteHandler(deps: SiteDeps): RouteHandler {
  const respond = createSite(deps);
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    const response = await respond({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    });
    const body = Buffer.from(response.body, 'utf8');
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** The site of a running app as `main.ts` mounts it, or undefined with `WEB=off`. */
export function siteForApp(app: App, config: Config): RouteHandler | undefined {
  if (config.WEB === 'off') return undefined;
  return createSiteHandler({
    core: app.core,
    gaps: app.gaps,
    history: (figureId) => app.editor.history(figureId),
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    ...(config.WEB_ADMIN_TOKEN !== undefined && { adminToken: config.WEB_ADMIN_TOKEN }),
    defaultLocale: config.DEFAULT_LOCALE,
  });
}
