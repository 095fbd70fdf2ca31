import type { Command } from '../src/core/command.js';
import { check } from './check.js';
import { chips } from './chips.js';
import { cost } from './cost.js';
import { disputed } from './disputed.js';
import { fact } from './fact.js';
import { help } from './help.js';
import { kb } from './kb.js';
import { lang } from './lang.js';
import { sources } from './sources.js';
import { subscribe } from './subscribe.js';
import { unsubscribe } from './unsubscribe.js';

/** Every command, in the order /help and the platform menus list them. */
export const commands: readonly Command[] = [
  cost,
  chips,
  fact,
  check,
  sources,
  disputed,
  subscribe,
  unsubscribe,
  lang,
  help,
  kb,
];
