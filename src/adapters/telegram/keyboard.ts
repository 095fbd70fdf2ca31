import { InlineKeyboard } from 'grammy';
import { answerFigures, hasMoreView, type Answer } from '../../core/answer.js';
import { t, type Locale } from '../../core/i18n/index.js';
import type { TelegramView } from './render.js';

const VIEW_CODES: Readonly<Record<TelegramView, string>> = {
  summary: 'm',
  more: 'x',
  sources: 's',
  disputes: 'd',
};
const VIEWS = new Map<string, TelegramView>(
  Object.entries(VIEW_CODES).map(([view, code]) => [code, view as TelegramView]),
);

/** Matches the callback data of our buttons: view code, locale, saved-request token. */
export const CALLBACK_DATA = /^v:([msdx]):(en|id):([\w-]{1,32})$/;

/** The view behind a callback's view code. */
export function viewOf(code: string | undefined): TelegramView {
  return VIEWS.get(code ?? 'm') ?? 'summary';
}

/** Callback data: `v:<view>:<locale>:<token>` re-renders a saved request; always under Telegram's 64 bytes. */
function callbackData(view: TelegramView, locale: Locale, token: string): string {
  return `v:${VIEW_CODES[view]}:${locale}:${token}`;
}

/** Buttons under an answer: the other views of its figures, and the other language. */
export function keyboardFor(
  answer: Answer,
  view: TelegramView,
  token: string | undefined,
): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  const { locale } = answer;
  const figures = answerFigures(answer);
  if (token !== undefined && figures.length > 0) {
    keyboard.text(
      view === 'sources' ? t(locale, 'buttons.summary') : t(locale, 'buttons.sources'),
      callbackData(view === 'sources' ? 'summary' : 'sources', locale, token),
    );
    if (figures.some((f) => f.disputes.length > 0)) {
      keyboard.text(
        view === 'disputes' ? t(locale, 'buttons.summary') : t(locale, 'buttons.whyDisputed'),
        callbackData(view === 'disputes' ? 'summary' : 'disputes', locale, token),
      );
    }
    if (hasMoreView(answer)) {
      keyboard.text(
        view === 'more' ? t(locale, 'buttons.summary') : t(locale, 'buttons.more'),
        callbackData(view === 'more' ? 'summary' : 'more', locale, token),
      );
    }
    keyboard.row();
  }
  if (token !== undefined) {
    keyboard.text(
      t(locale, 'buttons.otherLanguage'),
      callbackData(view, locale === 'en' ? 'id' : 'en', token),
    );
  }
  const choices =
    answer.kind === 'not_found' || answer.kind === 'ambiguous' || answer.kind === 'error'
      ? (answer.choices ?? [])
      : [];
  for (const [n, choice] of choices.slice(0, 8).entries()) {
    if (n % 2 === 0) keyboard.row();
    keyboard.switchInlineCurrent(choice.label, choice.command.replace(/^\//, ''));
  }
  return keyboard.inline_keyboard.some((row) => row.length > 0) ? keyboard : undefined;
}
