import type { Command } from '../src/core/command.js';
import { subjectFiguresAnswer } from '../src/core/subject-answer.js';
import { CHIP_PROPERTIES, COST_PROPERTIES } from '../src/knowledge/properties.js';

/** `/cost <subject>`: what training or building it cost, with scope, sources and disputes. */
export const cost = {
  name: 'cost',
  options: [{ name: 'subject', required: true, autocomplete: 'subject', maxLength: 200 }],
  examples: ['/cost r1', '/cost gpt-4', '/cost anthropic'],
  run: (ctx) =>
    subjectFiguresAnswer(ctx, {
      command: 'cost',
      properties: COST_PROPERTIES,
      titleKey: 'answer.costTitle',
      whatKey: 'answer.costWhat',
      example: '/cost r1',
      related: 'chips',
      relatedProperties: CHIP_PROPERTIES,
    }),
} satisfies Command;
