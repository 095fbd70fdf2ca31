import type { Status } from '../knowledge/schema.js';

/** One glyph per status, shared by every renderer so a disputed figure looks disputed everywhere. */
export const STATUS_BADGE: Readonly<Record<Status, string>> = {
  confirmed: '✅',
  reported: '📰',
  disputed: '⚠️',
  contradicted: '❌',
  retracted: '🚫',
};

/** One glyph per /check verdict. */
export const VERDICT_BADGE: Readonly<Record<string, string>> = {
  supported: '✅',
  mostly_accurate: '☑️',
  disputed: '⚠️',
  misleading: '🟠',
  contradicted: '❌',
  not_in_knowledge: '❔',
};
