import {
  openingSentence,
  summaryFigures,
  type Answer,
  type CitationView,
  type FigureView,
  type SourceView,
} from '../../core/answer.js';
import { STATUS_BADGE, VERDICT_BADGE } from '../../core/badges.js';
import { t, type Locale } from '../../core/i18n/index.js';
import { pageLine } from '../../core/paging.js';

/** Telegram's limit on one message's text (https://core.telegram.org/bots/api#sendmessage). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
/** Past this many messages an answer is cut with a pointer to narrower questions, not flooded into a chat. */
export const MAX_MESSAGES = 4;

/** Which part of an answer a message shows; the buttons switch between them. */
export type TelegramView = 'summary' | 'more' | 'sources' | 'disputes';

// A summary keeps each figure's scope to a few lines; the full text is one tap away.
const SUMMARY_SCOPE = 280;

/** Escapes text for Telegram's HTML parse mode (https://core.telegram.org/bots/api#html-style). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const b = (text: string) => `<b>${escapeHtml(text)}</b>`;
const i = (text: string) => `<i>${escapeHtml(text)}</i>`;
const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

function citationLink(c: CitationView): string {
  return `${link(c.url, c.outlet)} (${escapeHtml(c.published)})`;
}

function citationWithQuote(c: CitationView, locale: Locale): string {
  const text =
    c.quote !== undefined ? `«${c.quote}»` : `${c.paraphrase ?? ''} (${t(locale, 'answer.summary')})`;
  const where = c.where === undefined ? '' : ` · ${escapeHtml(c.where)}`;
  return `• ${citationLink(c)}${where}\n<i>${escapeHtml(text)}</i>`;
}

function headline(f: FigureView): string {
  const equivalents = f.equivalents.length > 0 ? ` (≈ ${f.equivalents.join(', ')})` : '';
  const basis = f.basisLabel === undefined ? '' : ` [${f.basisLabel}]`;
  return `${STATUS_BADGE[f.status]} ${b(`${f.subject.name}, ${f.propertyLabel}${basis}: ${f.value}${equivalents}`)} ${i(f.statusLabel)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

function figureBlock(f: FigureView, view: TelegramView, locale: Locale): string {
  const lines = [headline(f)];
  if (f.breakdown !== undefined)
    lines.push(`${i(t(locale, 'answer.breakdown'))}: ${escapeHtml(f.breakdown)}`);
  if (view === 'summary') {
    // One source and a pointer to the rest: the summary must fit one message.
    lines.push(`${i(t(locale, 'answer.scope'))}: ${escapeHtml(clip(f.scope, SUMMARY_SCOPE))}`);
    const [first] = f.citations;
    const others = f.citations.length > 1 ? ` +${f.citations.length - 1}` : '';
    if (first) lines.push(`${i(t(locale, 'answer.oneSource'))}: ${citationLink(first)}${others}`);
    if (f.disputes.length > 0)
      lines.push(`⚠️ ${escapeHtml(t(locale, 'answer.disputeCount', { count: f.disputes.length }))}`);
  } else if (view === 'more') {
    lines.push(`${i(t(locale, 'answer.scope'))}: ${escapeHtml(f.scope)}`);
    const qualifiers = [
      f.asOf,
      f.methodLabel,
      f.statedBy && t(locale, 'answer.statedBy', { who: f.statedBy }),
    ];
    lines.push(`${i(t(locale, 'answer.asOf'))}: ${escapeHtml(qualifiers.filter(Boolean).join(' · '))}`);
    lines.push(`${i(t(locale, 'answer.citedBy'))}: ${f.citations.map(citationLink).join(', ')}`);
    for (const d of f.disputes) {
      lines.push(
        `⚠️ ${i(d.kindLabel)}: ${escapeHtml(d.says)} — ${d.citations.map((c) => link(c.url, c.outlet)).join(', ')}`,
      );
    }
    for (const n of f.notes) {
      const why = n.reason === undefined ? '' : ` ${escapeHtml(n.reason)}`;
      lines.push(
        `ℹ️ ${i(n.kindLabel)}: ${escapeHtml(n.says)} — ${n.citations.map((c) => link(c.url, c.outlet)).join(', ')}.${why}`,
      );
    }
  } else if (view === 'sources') {
    lines.push(`${i(t(locale, 'answer.asOf'))}: ${escapeHtml(f.asOf)}`);
    for (const c of f.citations) lines.push(citationWithQuote(c, locale));
  } else {
    for (const d of f.disputes) {
      lines.push(`⚠️ ${i(d.kindLabel)}: ${escapeHtml(d.says)}`);
      for (const c of d.citations) lines.push(citationWithQuote(c, locale));
      lines.push(`${b(t(locale, 'answer.why'))}: ${escapeHtml(d.reason)}`);
    }
  }
  return lines.join('\n');
}

function sourceBlock(s: SourceView, locale: Locale): string {
  const lines = [
    `• ${link(s.url, s.outlet)} (${escapeHtml(s.published)}, ${escapeHtml(s.kindLabel)}, ${escapeHtml(s.languageLabel)})`,
    `${i(s.title)} · <code>${escapeHtml(s.id)}</code> · ${escapeHtml(t(locale, 'answer.figureCount', { count: s.figureCount }))}`,
  ];
  if (s.notes !== undefined) lines.push(escapeHtml(s.notes));
  return lines.join('\n');
}

/** The paragraphs of an answer in one view, each a complete piece of HTML (no tag spans two). */
export function answerBlocks(answer: Answer, view: TelegramView = 'summary'): string[] {
  const { locale } = answer;
  const blocks = [b(answer.title)];
  if (answer.notice !== undefined) blocks.push(`ℹ️ ${escapeHtml(answer.notice)}`);
  const opening = openingSentence(answer, view);
  if (opening !== undefined) blocks.push(escapeHtml(opening));
  switch (answer.kind) {
    case 'figures':
    case 'list': {
      if (answer.kind === 'list') for (const s of answer.sources) blocks.push(sourceBlock(s, locale));
      const all = view === 'disputes' ? answer.figures.filter((f) => f.disputes.length > 0) : answer.figures;
      const shown = view === 'summary' ? summaryFigures(answer, all) : all;
      for (const f of shown) blocks.push(figureBlock(f, view, locale));
      if (view === 'summary' && all.length > shown.length)
        blocks.push(i(t(locale, 'answer.moreFigures2', { count: all.length - shown.length })));
      const paging = pageLine(answer);
      if (paging !== undefined) blocks.push(i(paging));
      const alsoClaimed = answer.kind === 'figures' ? (answer.alsoClaimed ?? []) : [];
      if (view === 'more' && alsoClaimed.length > 0) {
        blocks.push(
          [
            b(t(locale, 'answer.alsoClaimed')),
            ...alsoClaimed.map(
              (f) =>
                `✖️ ${escapeHtml(`${f.subject.name}, ${f.propertyLabel}: ${f.value}`)} — ${f.citations.map(citationLink).join(', ')}\n${i(t(locale, 'answer.notThisScope'))}: ${escapeHtml(f.deprecatedReason ?? '')}`,
            ),
          ].join('\n'),
        );
      }
      break;
    }
    case 'check': {
      blocks.push(
        `${VERDICT_BADGE[answer.verdict] ?? ''} ${b(answer.verdictLabel)}\n${escapeHtml(answer.reasoning)}`,
      );
      if (answer.parts)
        blocks.push(
          [
            b(t(locale, 'check.partsHeading')),
            ...answer.parts.map(
              (p) =>
                `${VERDICT_BADGE[p.verdict] ?? ''} “${escapeHtml(p.text)}”: ${escapeHtml(p.verdictLabel)}${p.figureLabel ? ` (${escapeHtml(p.figureLabel)})` : ''}`,
            ),
          ].join('\n'),
        );
      const shown =
        view === 'disputes' ? answer.figures.filter((f) => f.disputes.length > 0) : answer.figures;
      for (const f of shown) blocks.push(figureBlock(f, view, locale));
      break;
    }
    case 'help':
    case 'info':
      blocks.push(answer.lines.map(escapeHtml).join('\n'));
      break;
    case 'not_found':
    case 'ambiguous':
      blocks.push(
        [
          ...(answer.kind === 'not_found' ? answer.lines : [t(locale, 'answer.ambiguousBody')]),
          ...answer.choices.map((c) => `${c.command} — ${c.label}`),
        ]
          .map(escapeHtml)
          .join('\n'),
      );
      break;
    case 'error':
      blocks.push(escapeHtml(answer.message));
      break;
  }
  if (answer.link !== undefined)
    blocks.splice(1, 0, `🔗 ${link(answer.link, t(locale, 'answer.fullDetails'))}`);
  return blocks;
}

/** Strips tags and unescapes, for a paragraph too long to keep its markup. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * Packs paragraphs into messages under `limit` characters, splitting only between paragraphs, then
 * between lines; a single line longer than a message loses its markup and is cut, never broken mid-tag.
 */
export function packMessages(blocks: readonly string[], limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const pieces = blocks.flatMap((block) => (block.length <= limit ? [block] : block.split('\n')));
  const messages: string[] = [];
  let current = '';
  for (const raw of pieces) {
    const piece = raw.length <= limit ? raw : `${escapeHtml(plain(raw).slice(0, limit - 200))}…`;
    if (current && current.length + 2 + piece.length > limit) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) messages.push(current);
  return messages;
}

/** The messages of an answer: HTML, each under 4,096 characters, at most MAX_MESSAGES of them. */
export function renderTelegram(answer: Answer, view: TelegramView = 'summary'): string[] {
  const blocks = answerBlocks(answer, view);
  const messages = packMessages(blocks);
  if (messages.length <= MAX_MESSAGES) return messages;
  // Too long for a chat: keep as many whole paragraphs as fit, and say how many were left out.
  const note = (count: number) => i(t(answer.locale, 'answer.moreFigures', { count }));
  let kept = 1;
  while (
    kept < blocks.length &&
    packMessages([...blocks.slice(0, kept + 1), note(blocks.length)]).length <= MAX_MESSAGES
  ) {
    kept++;
  }
  return packMessages([...blocks.slice(0, kept), note(blocks.length - kept)]);
}
