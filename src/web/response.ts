import type { IncomingHttpHeaders } from 'node:http';

/** A request as the site sees it: already split into path and query. */
export interface WebRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** A complete response; the router writes it out in one go. */
export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers every response carries: no sniffing, no referrer leaks, no framing. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** A strict policy: no script at all, styles and images from the site only, forms post back to it. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** An HTML page response. */
export function htmlResponse(status: number, body: string, extra: Record<string, string> = {}): WebResponse {
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-cache',
      vary: 'Accept-Language',
      ...extra,
    },
    body,
  };
}

/** A JSON response, readable from any origin (GET only: nothing on the site changes state). */
export function jsonResponse(
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): WebResponse {
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'no-cache',
      ...extra,
    },
    body: JSON.stringify(value, null, 2),
  };
}

/** A 303 redirect to a path on the site. */
export function redirect(location: string): WebResponse {
  return { status: 303, headers: { ...COMMON_HEADERS, location }, body: '' };
}
