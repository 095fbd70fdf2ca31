import type { SubjectResolution } from '../knowledge/index.js';
import type { Entity, Locale, Property } from '../knowledge/schema.js';
import type { Answer } from './answer.js';
import type { CommandContext, CommandName } from './command.js';
import { t, type MessageKey } from './i18n/index.js';
import { choices, errorAnswer, handleOf, rankedFigures } from './views.js';

/** The answer for a subject that resolved to nothing or to several entities; never a guess. */
export function unresolvedAnswer(
  resolution: Exclude<SubjectResolution, { kind: 'entity' }>,
  command: CommandName,
  query: string,
  locale: Locale,
): Answer {
  const common = { command, locale, query, suggestions: ['/help'] };
  if (resolution.kind === 'ambiguous') {
    return {
      ...common,
      kind: 'ambiguous',
      title: t(locale, 'answer.ambiguousTitle', { query }),
      choices: choices(resolution.choices, command, locale),
    };
  }
  return {
    ...common,
    kind: 'not_found',
    title: t(locale, 'answer.notFoundTitle', { query }),
    lines: [t(locale, 'answer.notFoundBody'), t(locale, 'answer.suggestions')],
    choices: choices(resolution.suggestions, command, locale),
  };
}

export interface SubjectFiguresOptions {
  command: CommandName;
  properties: ReadonlySet<Property>;
  /** Entity kinds for which every figure is relevant (a chip's own figures all belong under /chips). */
  allFiguresFor?: ReadonlySet<Entity['kind']>;
  titleKey: MessageKey;
  whatKey: MessageKey;
  example: string;
  /** The sibling command offered as a follow-up (`/chips` after `/cost`), and what it shows. */
  related: CommandName;
  relatedProperties: ReadonlySet<Property>;
}

/** `/cost` and `/chips`: resolve the subject, then list its figures of the asked kind, own ones first. */
export function subjectFiguresAnswer(ctx: CommandContext, o: SubjectFiguresOptions): Answer {
  const query = ctx.args.subject;
  if (!query) {
    // Not an exception: the user gets the usage line and the most asked subjects to tap.
    return {
      ...errorAnswer(
        o.command,
        ctx.locale,
        'argMissing',
        t(ctx.locale, 'errors.argMissing', { example: o.example }),
      ),
      choices: choices(ctx.kb.featured(), o.command, ctx.locale),
    };
  }
  const resolution = ctx.kb.resolveSubject(query);
  if (resolution.kind !== 'entity') return unresolvedAnswer(resolution, o.command, query, ctx.locale);

  const { entity } = resolution;
  const locale = ctx.locale;
  const all = o.allFiguresFor?.has(entity.kind) ?? false;
  const figures = ctx.kb.figuresAbout(entity.id, all ? undefined : o.properties);
  const handle = handleOf(entity);
  // Offer the sibling command only when it has something to show for this subject.
  const suggestions = [
    ...(ctx.kb.hasFiguresAbout(entity.id, o.relatedProperties) ? [`/${o.related} ${handle}`] : []),
    `/fact ${handle}`,
    '/disputed',
  ];
  const subject = { id: entity.id, name: entity.name, description: entity.description[locale] };
  const notice =
    resolution.via === 'exact' ? undefined : t(locale, 'answer.fuzzyNotice', { subject: entity.name, query });

  if (figures.length === 0) {
    const what = t(locale, o.whatKey);
    return {
      kind: 'figures',
      command: o.command,
      locale,
      title: t(locale, 'answer.noFiguresTitle', { what, subject: entity.name }),
      subject,
      figures: [],
      notice: t(locale, 'answer.noFiguresBody', { subject: entity.name }),
      suggestions,
    };
  }
  return {
    kind: 'figures',
    command: o.command,
    locale,
    title: t(locale, o.titleKey, { subject: entity.name }),
    subject,
    ...rankedFigures(ctx.kb, figures, locale),
    suggestions,
    ...(notice !== undefined && { notice }),
  };
}
