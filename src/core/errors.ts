import type { ErrorCode } from './i18n/index.js';

/** Parameters interpolated into a catalogue message, e.g. `{ example: '/cost r1' }`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** An expected failure the user can fix; its `code` is a key of `errors` in every catalogue. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: ErrorCode,
    readonly params: MessageParams = {},
  ) {
    super(code);
  }
}

/** The environment is invalid; the message names every bad variable, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Knowledge errors live with the knowledge (a leaf module); re-exported for the core's callers.
export { KnowledgeError, formatIssue, type KnowledgeIssue } from '../knowledge/errors.js';
