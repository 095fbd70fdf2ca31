import { z } from 'zod';
import { AnswerSchema, FigureViewSchema } from '../core/answer.js';
import { t } from '../core/i18n/index.js';
import { parseCommandLine } from '../core/input.js';
import { errorAnswer, figureView } from '../core/views.js';
import type { Actor } from '../core/command.js';
import type { PageContext } from './context.js';
import { jsonResponse, type WebResponse } from './response.js';

/** Who asks through the site: nobody in particular, never a moderator, with no chat to notify. */
export const WEB_ACTOR: Actor = { platform: 'web', userId: 'web', isModerator: false };

/** `/api/answer?q=/cost r1&lang=id`: exactly the Answer the CLI's `--json` prints (400 for an error answer). */
export async function apiAnswer(ctx: PageContext): Promise<WebResponse> {
  const { locale } = ctx;
  const q = ctx.query.get('q') ?? '';
  const parsed = parseCommandLine(q);
  // The site only reads: commands that change a preference, a subscription or the knowledge are refused.
  if (parsed && ctx.deps.core.command(parsed.name)?.changesState === true) {
    const answer = errorAnswer(parsed.name, locale, 'notAllowed', t(locale, 'errors.notAllowed'));
    return jsonResponse(403, answer);
  }
  const answer = await ctx.deps.core.dispatchLine(q.slice(0, 2000), WEB_ACTOR, { locale });
  return jsonResponse(answer.kind === 'error' ? 400 : 200, answer);
}

/** `/api/figures/<id>`: one figure as answers show it, with its optional rank. */
export function apiFigure(ctx: PageContext, id: string): WebResponse {
  const figure = ctx.kb.figure(id);
  if (!figure)
    return jsonResponse(404, { error: 'not_found', message: `There is no figure “${id.slice(0, 100)}”.` });
  return jsonResponse(200, figureView(ctx.kb, figure, ctx.locale));
}

const jsonSchema = (schema: z.ZodType) => {
  const described: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: 'output' }) };
  delete described.$schema;
  return described;
};

const langParameter = {
  name: 'lang',
  in: 'query',
  required: false,
  description: 'Answer language; without it, Accept-Language, then English.',
  schema: { type: 'string', enum: ['en', 'id'] },
};

/** The OpenAPI 3.1 description of the JSON API; schemas come from the same zod schemas as the answers. */
export function openApi(publicUrl: string): unknown {
  const json = (ref: string, description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'factdesk API',
      version: '1',
      description:
        'Cited, scoped figures about what AI models and chips cost, with disputes flagged. Read-only; CORS is open for GET.',
    },
    servers: [{ url: publicUrl.replace(/\/+$/, '') }],
    paths: {
      '/api/answer': {
        get: {
          operationId: 'answer',
          summary: 'Answer one command line, exactly as `factdesk ask --json` prints it',
          parameters: [
            {
              name: 'q',
              in: 'query',
              required: true,
              description: 'A command line: /cost, /chips, /fact, /check, /sources, /disputed or /help.',
              schema: { type: 'string', maxLength: 2000 },
              example: '/cost r1',
            },
            langParameter,
          ],
          responses: {
            '200': json('Answer', 'The answer'),
            '400': json('Answer', 'An answer of kind `error` (bad or missing input), in the asked language'),
            '403': json('Answer', 'A command that changes state (/kb, /lang, /subscribe) is not served here'),
          },
        },
      },
      '/api/figures/{id}': {
        get: {
          operationId: 'figure',
          summary: 'One figure with its scope, status, citations and disputes',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              example: 'r1-training-cost',
            },
            langParameter,
          ],
          responses: {
            '200': json('Figure', 'The figure'),
            '404': json('Error', 'No figure has that id'),
          },
        },
      },
      '/claimreview.json': {
        get: {
          operationId: 'claimReviews',
          summary: 'Every reviewed claim as a schema.org DataFeed of ClaimReview items',
          parameters: [langParameter],
          responses: { '200': { description: 'The feed', content: { 'application/ld+json': {} } } },
        },
      },
    },
    components: {
      schemas: {
        Answer: jsonSchema(AnswerSchema),
        Figure: jsonSchema(FigureViewSchema),
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
}
