import {
  openingSentence,
  type Answer,
  type CitationView,
  type FigureView,
  type SourceView,
} from '../../core/answer.js';
import { STATUS_BADGE, VERDICT_BADGE } from '../../core/badges.js';
import { t, type Locale } from '../../core/i18n/index.js';
import { pageLine } from '../../core/paging.js';

// Strip control characters (ESC and friends) so neither users nor knowledge text can drive the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const safe = (text: string) => text.replace(CONTROL, '');

function citationLine(c: CitationView, locale: Locale): string {
  const head = `${c.outlet}, ${c.published}`;
  const body =
    c.quote !== undefined ? `“${c.quote}”` : `(${t(locale, 'answer.summary')}) ${c.paraphrase ?? ''}`;
  const where = c.where === undefined ? '' : ` [${c.where}]`;
  return `${head}${where}: ${body} <${c.url}>`;
}

function figureLines(f: FigureView, locale: Locale): string[] {
  const equivalents = f.equivalents.length > 0 ? ` (≈ ${f.equivalents.join(', ')})` : '';
  const basis = f.basisLabel === undefined ? '' : ` (${f.basisLabel})`;
  const lines = [
    `${STATUS_BADGE[f.status]} ${f.subject.name}, ${f.propertyLabel}${basis}: ${f.value}${equivalents} [${f.statusLabel}]`,
  ];
  if (f.breakdown !== undefined) lines.push(`   ${t(locale, 'answer.breakdown')}: ${f.breakdown}`);
  if (f.deprecatedReason !== undefined)
    lines.push(`   ${t(locale, 'answer.notThisScope')}: ${f.deprecatedReason}`);
  lines.push(`   ${t(locale, 'answer.scope')}: ${f.scope}`);
  const qualifiers = [f.asOf, f.methodLabel, f.statedBy && t(locale, 'answer.statedBy', { who: f.statedBy })];
  lines.push(`   ${t(locale, 'answer.asOf')}: ${qualifiers.filter(Boolean).join(' · ')}`);
  lines.push(`   ${t(locale, 'answer.citedBy')}:`);
  for (const c of f.citations) lines.push(`    - ${citationLine(c, locale)}`);
  if (f.disputes.length > 0) {
    lines.push(`   ${t(locale, 'answer.disputes')}:`);
    for (const d of f.disputes) {
      lines.push(`    ⚠ ${d.says} (${d.kindLabel})`);
      for (const c of d.citations) lines.push(`      - ${citationLine(c, locale)}`);
      lines.push(`      ${t(locale, 'answer.why')}: ${d.reason}`);
    }
  }
  if (f.notes.length > 0) {
    lines.push(`   ${t(locale, 'answer.notes')}:`);
    for (const n of f.notes) {
      lines.push(`    ℹ ${n.says} (${n.kindLabel})${n.reason === undefined ? '' : ` ${n.reason}`}`);
      for (const c of n.citations) lines.push(`      - ${citationLine(c, locale)}`);
    }
  }
  return lines;
}

function sourceLines(s: SourceView, locale: Locale): string[] {
  const lines = [
    `• ${s.outlet} (${s.published}, ${s.kindLabel}, ${s.languageLabel}): ${s.title}`,
    `  ${s.url} · ${s.id} · ${t(locale, 'answer.figureCount', { count: s.figureCount })}`,
  ];
  if (s.notes !== undefined) lines.push(`  ${t(locale, 'answer.sourceNotes')}: ${s.notes}`);
  return lines;
}

/** Plain text for a terminal: every figure with scope, quotes, links and disputes. */
export function renderText(answer: Answer): string {
  const { locale } = answer;
  const out = [answer.title, '─'.repeat(Math.min(60, Math.max(10, answer.title.length)))];
  if (answer.notice !== undefined) out.push(`ℹ ${answer.notice}`);
  const opening = openingSentence(answer);
  if (opening !== undefined) out.push(opening);
  switch (answer.kind) {
    case 'figures':
      if (answer.subject) out.push(answer.subject.description);
      for (const f of answer.figures) out.push('', ...figureLines(f, locale));
      if ((answer.alsoClaimed ?? []).length > 0) {
        out.push('', `${t(locale, 'answer.alsoClaimed')}:`);
        for (const f of answer.alsoClaimed ?? []) out.push(...figureLines(f, locale));
      }
      break;
    case 'list':
      for (const s of answer.sources) out.push(...sourceLines(s, locale));
      for (const f of answer.figures) out.push('', ...figureLines(f, locale));
      break;
    case 'check':
      out.push(`${VERDICT_BADGE[answer.verdict] ?? ''} ${answer.verdictLabel}: ${answer.reasoning}`);
      if (answer.parts) {
        out.push('', `${t(locale, 'check.partsHeading')}:`);
        for (const p of answer.parts)
          out.push(
            `  ${VERDICT_BADGE[p.verdict] ?? ''} “${p.text}”: ${p.verdictLabel}${p.figureLabel ? ` (${p.figureLabel})` : ''}`,
          );
      }
      for (const f of answer.figures) out.push('', ...figureLines(f, locale));
      break;
    case 'help':
    case 'info':
      out.push(...answer.lines);
      break;
    case 'not_found':
      out.push(...answer.lines);
      for (const c of answer.choices) out.push(`  ${c.command}  (${c.label}: ${c.description})`);
      break;
    case 'ambiguous':
      out.push(t(locale, 'answer.ambiguousBody'));
      for (const c of answer.choices) out.push(`  ${c.command}  (${c.label}: ${c.description})`);
      break;
    case 'error':
      out.push(answer.message);
      break;
  }
  if (answer.link !== undefined) out.push('', `${t(locale, 'answer.fullDetails')}: ${answer.link}`);
  const paging = pageLine(answer);
  if (paging !== undefined) out.push('', paging);
  if (answer.suggestions.length > 0)
    out.push('', `${t(locale, 'answer.tryAlso')}: ${answer.suggestions.join(' · ')}`);
  return safe(out.join('\n'));
}
