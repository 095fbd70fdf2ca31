import { createHash } from 'node:crypto';
import { COMMON_HEADERS, type WebResponse } from './response.js';

// One small stylesheet; readable on a phone, high contrast, visible focus. No script anywhere.
const CSS = `
:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--line:#d0d0d0;--accent:#0b57d0;--warn:#8a4b00;--bad:#a50e0e;--ok:#146c2e;--panel:#f5f6f8}
*{box-sizing:border-box}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #f4b400;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
header,main,footer{max-width:50rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
header .brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.lang a[aria-current]{font-weight:700;color:var(--fg);text-decoration:none}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
label{display:block;font-weight:600}
.field{flex:1 1 16rem}
input[type=search],input[type=text]{width:100%;font:inherit;padding:.5rem;border:2px solid var(--muted);border-radius:4px}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
.hint,.muted{color:var(--muted);font-size:.9rem}
form .hint{flex-basis:100%;margin:0}
.card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:1rem 0;background:var(--bg)}
.value{font-size:1.3rem;font-weight:700}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.s-confirmed,.v-supported,.v-mostly_accurate{color:var(--ok)}
.s-disputed,.v-disputed,.v-misleading,.s-reported{color:var(--warn)}
.s-contradicted,.s-retracted,.v-contradicted{color:var(--bad)}
.v-not_in_knowledge{color:var(--muted)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
blockquote{margin:.25rem 0 .5rem;padding:.25rem .75rem;border-left:4px solid var(--line);background:var(--panel)}
.dispute{border-left:4px solid var(--warn);padding:.25rem .75rem;margin:.75rem 0;background:var(--panel)}
ul.plain{list-style:none;padding:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
footer{border-top:1px solid var(--line);padding-top:.75rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}
`
  .trim()
  .replace(/\n/g, '');

// A tick in a box: browsers ask for an icon, and a 404 would be noise in every console.
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b57d0"/><path d="M4 8.5l2.5 2.5L12 5" stroke="#fff" stroke-width="2" fill="none"/></svg>';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** The stylesheet's path: its content hash is in the name, so it can be cached for a year. */
export const STYLESHEET_PATH = `/assets/site-${hashOf(CSS)}.css`;
/** The icon's path, content-hashed like the stylesheet. */
export const ICON_PATH = `/assets/icon-${hashOf(ICON)}.svg`;

const ASSETS: ReadonlyMap<string, { type: string; body: string }> = new Map([
  [STYLESHEET_PATH, { type: 'text/css; charset=utf-8', body: CSS }],
  [ICON_PATH, { type: 'image/svg+xml', body: ICON }],
]);

/** A static asset, immutable for a year; undefined for any other path. */
export function asset(path: string): WebResponse | undefined {
  const found = ASSETS.get(path);
  if (!found) return undefined;
  return {
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': found.type,
      'cache-control': 'public, max-age=31536000, immutable',
    },
    body: found.body,
  };
}
