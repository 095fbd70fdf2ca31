import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { LRUCache } from 'lru-cache';
import {
  answerFigures,
  hasMoreView,
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
import type { Status } from '../../core/answer.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** All embeds of one message together. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

/** Disputed in amber, contradicted in red, as users expect from a fact-check. */
export const STATUS_COLOUR: Readonly<Record<Status, number>> = {
  confirmed: 0x2e7d32,
  reported: 0x1565c0,
  disputed: 0xffb300,
  contradicted: 0xc62828,
  retracted: 0x616161,
};
const NEUTRAL_COLOUR = 0x5865f2;
const VERDICT_COLOUR: Readonly<Record<string, number>> = {
  supported: STATUS_COLOUR.confirmed,
  mostly_accurate: 0x7cb342,
  disputed: STATUS_COLOUR.disputed,
  misleading: 0xef6c00,
  contradicted: STATUS_COLOUR.contradicted,
  not_in_knowledge: STATUS_COLOUR.retracted,
};

export type DiscordView = 'summary' | 'more' | 'sources' | 'disputes';

// A summary keeps each figure's scope short; the full text is one tap away.
const SUMMARY_SCOPE = 300;

// escapeMarkdown runs a dozen regular expressions: knowledge text, the same on every answer, is escaped
// once and remembered (bounded by total length, so long user texts cannot grow it without limit).
const escaped = new LRUCache<string, string>({
  maxSize: 4_000_000,
  sizeCalculation: (value, key) => value.length + key.length + 1,
});

/**
 * Text from users or the knowledge, made inert for Discord: Markdown escaped, and mention-like
 * words broken with a zero-width space so they read as text even where mentions would parse.
 */
export function safeText(text: string): string {
  let safe = escaped.get(text);
  if (safe === undefined) {
    safe = escapeMarkdown(text)
      .replace(/@(everyone|here)/g, '@\u200b$1')
      .replace(/<([@#][!&]?\d+)>/g, '<\u200b$1>');
    escaped.set(text, safe);
  }
  return safe;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function linkTo(c: CitationView): string {
  return `[${safeText(c.outlet)}](${c.url}) (${safeText(c.published)})`;
}

function quoteOf(c: CitationView, locale: Locale): string {
  if (c.quote !== undefined) return `> ${safeText(c.quote)}`;
  return `> ${safeText(c.paraphrase ?? '')} *(${t(locale, 'answer.summary')})*`;
}

function figureEmbed(f: FigureView, view: DiscordView, locale: Locale): APIEmbed {
  const equivalents = f.equivalents.length > 0 ? ` (≈ ${f.equivalents.join(', ')})` : '';
  const basis = f.basisLabel === undefined ? '' : ` [${f.basisLabel}]`;
  const description = [
    `**${safeText(f.value)}${safeText(equivalents)}**${safeText(basis)}`,
    `*${safeText(f.statusLabel)}*`,
  ];
  if (f.breakdown !== undefined)
    description.push(`${t(locale, 'answer.breakdown')}: ${safeText(f.breakdown)}`);
  const fields: APIEmbedField[] = [];
  const field = (name: string, value: string) =>
    fields.push({
      name: clip(name, EMBED_LIMITS.fieldName),
      value: clip(value || '—', EMBED_LIMITS.fieldValue),
    });

  if (view === 'summary') {
    // One source and a pointer to the rest: the summary must fit one message.
    field(t(locale, 'answer.scope'), safeText(clip(f.scope, SUMMARY_SCOPE)));
    const [first] = f.citations;
    const others = f.citations.length > 1 ? ` +${f.citations.length - 1}` : '';
    if (first) field(t(locale, 'answer.oneSource'), `${linkTo(first)}${others}`);
    if (f.disputes.length > 0)
      description.push(`⚠️ ${safeText(t(locale, 'answer.disputeCount', { count: f.disputes.length }))}`);
  } else if (view === 'more') {
    field(t(locale, 'answer.scope'), safeText(f.scope));
    const qualifiers = [
      f.asOf,
      f.methodLabel,
      f.statedBy && t(locale, 'answer.statedBy', { who: f.statedBy }),
    ];
    field(t(locale, 'answer.asOf'), safeText(qualifiers.filter(Boolean).join(' · ')));
    field(t(locale, 'answer.citedBy'), f.citations.map(linkTo).join('\n'));
    for (const d of f.disputes) {
      field(`⚠️ ${d.kindLabel}`, `${safeText(d.says)}\n${d.citations.map(linkTo).join(', ')}`);
    }
    for (const n of f.notes) {
      const why = n.reason === undefined ? '' : `\n${safeText(n.reason)}`;
      field(`ℹ️ ${n.kindLabel}`, `${safeText(n.says)}\n${n.citations.map(linkTo).join(', ')}${why}`);
    }
  } else if (view === 'sources') {
    field(t(locale, 'answer.asOf'), safeText(f.asOf));
    for (const c of f.citations) field(`${c.outlet}, ${c.published}`, `${quoteOf(c, locale)}\n${c.url}`);
  } else {
    for (const d of f.disputes) {
      const sides = d.citations.map((c) => `${linkTo(c)}\n${quoteOf(c, locale)}`).join('\n');
      field(
        `⚠️ ${d.kindLabel}`,
        `${safeText(d.says)}\n${sides}\n**${t(locale, 'answer.why')}:** ${safeText(d.reason)}`,
      );
    }
  }
  return {
    title: clip(
      `${STATUS_BADGE[f.status]} ${safeText(`${f.subject.name}, ${f.propertyLabel}`)}`,
      EMBED_LIMITS.title,
    ),
    description: clip(description.join('\n'), EMBED_LIMITS.description),
    color: STATUS_COLOUR[f.status],
    fields: fields.slice(0, EMBED_LIMITS.fields),
    ...(f.citations[0] && { url: f.citations[0].url }),
  };
}

function sourceField(s: SourceView, locale: Locale): APIEmbedField {
  const lines = [
    `[${safeText(s.title)}](${s.url})`,
    `${safeText(s.published)} · ${safeText(s.kindLabel)} · ${safeText(s.languageLabel)} · \`${s.id}\` · ${t(locale, 'answer.figureCount', { count: s.figureCount })}`,
  ];
  if (s.notes !== undefined) lines.push(safeText(s.notes));
  return {
    name: clip(s.outlet, EMBED_LIMITS.fieldName),
    value: clip(lines.join('\n'), EMBED_LIMITS.fieldValue),
  };
}

/** The size Discord counts for the 6,000-character total. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every embed of an answer in one view, before pagination. */
function answerEmbeds(answer: Answer, view: DiscordView): APIEmbed[] {
  const { locale } = answer;
  const head: APIEmbed = { title: clip(safeText(answer.title), EMBED_LIMITS.title), color: NEUTRAL_COLOUR };
  const lines: string[] = [];
  if (answer.notice !== undefined) lines.push(`ℹ️ ${safeText(answer.notice)}`);
  const opening = openingSentence(answer, view);
  if (opening !== undefined) lines.push(safeText(opening));
  if (answer.link !== undefined) lines.push(`🔗 [${t(locale, 'answer.fullDetails')}](${answer.link})`);
  switch (answer.kind) {
    case 'figures':
    case 'list': {
      const sources = answer.kind === 'list' ? answer.sources.map((s) => sourceField(s, locale)) : [];
      const all = view === 'disputes' ? answer.figures.filter((f) => f.disputes.length > 0) : answer.figures;
      const figures = view === 'summary' ? summaryFigures(answer, all) : all;
      if (view === 'summary' && all.length > figures.length)
        lines.push(`*${t(locale, 'answer.moreFigures2', { count: all.length - figures.length })}*`);
      const paging = pageLine(answer);
      if (paging !== undefined) lines.push(`*${safeText(paging)}*`);
      const alsoClaimed = answer.kind === 'figures' ? (answer.alsoClaimed ?? []) : [];
      if (view === 'more' && alsoClaimed.length > 0) {
        lines.push(
          `**${t(locale, 'answer.alsoClaimed')}**`,
          ...alsoClaimed.map(
            (f) =>
              `✖️ ${safeText(`${f.subject.name}, ${f.propertyLabel}: ${f.value}`)} — ${f.citations.map(linkTo).join(', ')}\n*${t(locale, 'answer.notThisScope')}:* ${safeText(f.deprecatedReason ?? '')}`,
          ),
        );
      }
      const embeds: APIEmbed[] = [];
      // Sources lists get one embed per 25 fields; each figure gets its own embed.
      for (let i = 0; i < sources.length; i += EMBED_LIMITS.fields) {
        embeds.push({ color: NEUTRAL_COLOUR, fields: sources.slice(i, i + EMBED_LIMITS.fields) });
      }
      embeds.push(...figures.map((f) => figureEmbed(f, view, locale)));
      if (lines.length > 0) head.description = clip(lines.join('\n'), EMBED_LIMITS.description);
      return [head, ...embeds];
    }
    case 'check': {
      head.color = VERDICT_COLOUR[answer.verdict] ?? NEUTRAL_COLOUR;
      const partLines = (answer.parts ?? []).map(
        (p) =>
          `${VERDICT_BADGE[p.verdict] ?? ''} “${safeText(p.text)}”: ${safeText(p.verdictLabel)}${p.figureLabel ? ` (${safeText(p.figureLabel)})` : ''}`,
      );
      head.description = clip(
        [
          `${VERDICT_BADGE[answer.verdict] ?? ''} **${safeText(answer.verdictLabel)}**\n${safeText(answer.reasoning)}`,
          ...(partLines.length > 0
            ? [`\n**${safeText(t(locale, 'check.partsHeading'))}**`, ...partLines]
            : []),
        ].join('\n'),
        EMBED_LIMITS.description,
      );
      const figures =
        view === 'disputes' ? answer.figures.filter((f) => f.disputes.length > 0) : answer.figures;
      return [head, ...figures.map((f) => figureEmbed(f, view, locale))];
    }
    case 'help':
    case 'info':
      lines.push(...answer.lines.map(safeText));
      break;
    case 'not_found':
      lines.push(
        ...answer.lines.map(safeText),
        ...answer.choices.map((c) => `\`${c.command}\` — ${safeText(c.label)}`),
      );
      break;
    case 'ambiguous':
      lines.push(
        t(locale, 'answer.ambiguousBody'),
        ...answer.choices.map((c) => `\`${c.command}\` — ${safeText(c.label)}`),
      );
      break;
    case 'error':
      lines.push(safeText(answer.message));
      break;
  }
  if (lines.length > 0) head.description = clip(lines.join('\n'), EMBED_LIMITS.description);
  return [head];
}

/**
 * Splits embeds into pages that each fit one message: at most 10 embeds and 6,000 characters;
 * the answer's title embed leads every page.
 */
export function paginate(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const [head, ...rest] = embeds;
  if (!head) return [[]];
  const pages: APIEmbed[][] = [];
  let page: APIEmbed[] = [head];
  let size = embedLength(head);
  for (const embed of rest) {
    const length = embedLength(embed);
    if (
      page.length > 1 &&
      (page.length >= EMBED_LIMITS.embedsPerMessage || size + length > EMBED_LIMITS.total)
    ) {
      pages.push(page);
      page = [head];
      size = embedLength(head);
    }
    page.push(embed);
    size += length;
  }
  pages.push(page);
  return pages;
}

/** What one Discord message shows: the page's embeds and how many pages there are. */
export interface RenderedPage {
  embeds: APIEmbed[];
  page: number;
  pages: number;
}

/** One page of an answer in a view, within Discord's embed limits. */
export function renderDiscord(answer: Answer, view: DiscordView = 'summary', page = 0): RenderedPage {
  const pages = paginate(answerEmbeds(answer, view));
  const index = Math.min(Math.max(0, page), pages.length - 1);
  return { embeds: pages[index] ?? [], page: index, pages: pages.length };
}

/** Builds the `custom_id` of a button: `fd:<action>:<locale>:<page>:<token>` (Discord allows 100 characters). */
export function customId(action: string, locale: Locale, page: number, token: string): string {
  return `fd:${action}:${locale}:${page}:${token}`;
}

const button = (
  label: string,
  custom_id: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponent => ({
  type: ComponentType.Button,
  style,
  label: clip(label, 80),
  custom_id,
});

/** Buttons under an answer: the other views, the other language, and page arrows when paginated. */
export function answerButtons(
  answer: Answer,
  view: DiscordView,
  rendered: RenderedPage,
  token: string | undefined,
  extra: APIButtonComponent[] = [],
): APIActionRowComponent<APIButtonComponent>[] {
  if (token === undefined)
    return extra.length > 0 ? [{ type: ComponentType.ActionRow, components: extra }] : [];
  const { locale } = answer;
  const row: APIButtonComponent[] = [];
  const figures = answerFigures(answer);
  if (figures.length > 0) {
    row.push(
      view === 'sources'
        ? button(t(locale, 'buttons.summary'), customId('m', locale, 0, token))
        : button(t(locale, 'buttons.sources'), customId('s', locale, 0, token)),
    );
    if (figures.some((f) => f.disputes.length > 0)) {
      row.push(
        view === 'disputes'
          ? button(t(locale, 'buttons.summary'), customId('m', locale, 0, token))
          : button(t(locale, 'buttons.whyDisputed'), customId('d', locale, 0, token)),
      );
    }
    if (hasMoreView(answer)) {
      row.push(
        view === 'more'
          ? button(t(locale, 'buttons.summary'), customId('m', locale, 0, token))
          : button(t(locale, 'buttons.more'), customId('x', locale, 0, token)),
      );
    }
  }
  const code = { sources: 's', disputes: 'd', more: 'x', summary: 'm' }[view];
  row.push(
    button(
      t(locale, 'buttons.otherLanguage'),
      customId(code, locale === 'en' ? 'id' : 'en', rendered.page, token),
    ),
  );
  row.push(...extra);
  const rows: APIActionRowComponent<APIButtonComponent>[] = [
    { type: ComponentType.ActionRow, components: row.slice(0, 5) },
  ];
  if (rendered.pages > 1) {
    const previous = {
      ...button(t(locale, 'buttons.previous'), customId(code, locale, rendered.page - 1, token)),
      disabled: rendered.page === 0,
    };
    const next = {
      ...button(t(locale, 'buttons.next'), customId(code, locale, rendered.page + 1, token)),
      disabled: rendered.page >= rendered.pages - 1,
    };
    rows.push({ type: ComponentType.ActionRow, components: [previous, next] });
  }
  return rows;
}
