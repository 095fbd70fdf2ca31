import type { Answer } from '../src/core/answer.js';
import type { Command, CommandContext } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import type { Edit } from '../src/knowledge/overlay.js';
import { figureView, infoAnswer } from '../src/core/views.js';

/** Splits `edit r1-training-cost status disputed | why` into words before the last bar and the reason after it. */
function split(text: string): { head: string; words: string[]; reason: string | undefined } {
  const bar = text.lastIndexOf('|');
  const head = (bar < 0 ? text : text.slice(0, bar)).trim();
  const reason = bar < 0 ? undefined : text.slice(bar + 1).trim() || undefined;
  return { head, words: head.split(/\s+/).filter(Boolean), reason };
}

/** YAML (or JSON, which YAML includes) typed after the command words. */
async function payload(text: string): Promise<unknown> {
  // Loaded on a moderator's first change: a process that only answers never needs the YAML parser.
  const { parse } = await import('yaml');
  try {
    return parse(text);
  } catch (err) {
    throw new UserError('kbBadPayload', {
      problem: err instanceof Error ? (err.message.split('\n')[0] ?? '') : '',
    });
  }
}

function info(ctx: CommandContext, title: string, lines: string[]): Answer {
  return infoAnswer('kb', ctx.locale, title, lines);
}

function recorded(ctx: CommandContext, edit: Edit): Answer {
  const notice = t(ctx.locale, 'answer.kbRecorded', {
    change: edit.id,
    figure: edit.figure,
    action: edit.action,
  });
  if (!edit.after) return info(ctx, t(ctx.locale, 'answer.kbTitle'), [notice]);
  return {
    kind: 'figures',
    command: 'kb',
    locale: ctx.locale,
    title: t(ctx.locale, 'answer.kbTitle'),
    notice,
    figures: [figureView(ctx.kb, edit.after, ctx.locale)],
    suggestions: [`/kb history ${edit.figure}`],
  };
}

/**
 * `/kb …`: moderators change the knowledge from chat. Every change is validated by the knowledge
 * schema, logged with who, when, before, after and why, and can be undone.
 */
export const kb = {
  name: 'kb',
  changesState: true,
  moderatorOnly: true,
  privateAnswer: true,
  options: [{ name: 'action', required: true, maxLength: 1000 }],
  examples: ['/kb history r1-training-cost'],
  async run(ctx) {
    const { editor, actor, locale } = ctx;
    const { head, words, reason } = split(ctx.args.action ?? '');
    const [sub, target, field, ...rest] = words;
    if (sub?.toLowerCase() === 'gaps') {
      const lines = ((await ctx.gaps?.top(15)) ?? []).map((g) =>
        t(locale, 'answer.kbGapsLine', { count: g.count, text: g.text }),
      );
      return info(
        ctx,
        t(locale, 'answer.kbGapsTitle'),
        lines.length > 0 ? lines : [t(locale, 'answer.kbNoGaps')],
      );
    }
    if (!editor) throw new UserError('kbUnavailable');
    const needReason = () => {
      if (!reason) throw new UserError('kbReasonMissing');
      return reason;
    };
    switch (sub?.toLowerCase()) {
      case 'edit': {
        if (!target || !field || rest.length === 0) throw new UserError('kbUsage');
        return recorded(ctx, await editor.edit(actor, target, field, rest.join(' '), needReason()));
      }
      case 'source': {
        // "/kb source add {id: …, outlet: …, title: …, url: …, language: id, published: 2025-12-01, kind: news} | why"
        const body = head.replace(/^source\s+add\s+/i, '');
        if (target?.toLowerCase() !== 'add' || !body || body === head) throw new UserError('kbUsage');
        return recorded(ctx, await editor.addSource(actor, await payload(body), needReason()));
      }
      case 'add': {
        const body = head.replace(/^add\s+/i, '');
        if (!body || body === head) throw new UserError('kbUsage');
        return recorded(ctx, await editor.add(actor, await payload(body), needReason()));
      }
      case 'dispute': {
        const body = head.replace(/^dispute\s+\S+\s*/i, '');
        if (!target || !body) throw new UserError('kbUsage');
        return recorded(ctx, await editor.dispute(actor, target, await payload(body), needReason()));
      }
      case 'resolve':
        if (!target || !field) throw new UserError('kbUsage');
        return recorded(ctx, await editor.resolve(actor, target, Number(field), needReason()));
      case 'retract':
        if (!target) throw new UserError('kbUsage');
        return recorded(ctx, await editor.retract(actor, target, needReason()));
      case 'undo':
        if (!target) throw new UserError('kbUsage');
        return recorded(ctx, await editor.undo(actor, target, needReason()));
      case 'history': {
        if (!target) throw new UserError('kbUsage');
        const changes = await editor.history(target);
        const lines = changes.map((e) =>
          t(locale, 'answer.kbHistoryLine', {
            change: e.id,
            at: e.at.slice(0, 16).replace('T', ' '),
            who: `${e.who.platform}:${e.who.name ?? e.who.userId}`,
            action: e.undoes === undefined ? e.action : `${e.action} ${e.undoes}`,
            reason: e.reason,
          }),
        );
        return info(
          ctx,
          t(locale, 'answer.kbHistoryTitle', { figure: target }),
          lines.length > 0 ? lines : [t(locale, 'answer.kbNoHistory')],
        );
      }
      case 'reload': {
        const fresh = await editor.reloadEverywhere();
        return info(ctx, t(locale, 'answer.kbTitle'), [
          t(locale, 'answer.kbReloaded', { figures: fresh.figures.length, sources: fresh.sources.length }),
        ]);
      }
      default:
        throw new UserError('kbUsage');
    }
  },
} satisfies Command;
