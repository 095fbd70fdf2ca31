import type { Command } from '../src/core/command.js';
import { subjectFiguresAnswer } from '../src/core/subject-answer.js';
import { CHIP_PROPERTIES, COST_PROPERTIES } from '../src/knowledge/properties.js';

/** `/chips <subject>`: GPUs used or held, GPU-hours, training and inference hardware. */
export const chips = {
  name: 'chips',
  options: [{ name: 'subject', required: true, autocomplete: 'subject', maxLength: 200 }],
  examples: ['/chips deepseek', '/chips r2', '/chips h800'],
  run: (ctx) =>
    subjectFiguresAnswer(ctx, {
      command: 'chips',
      properties: CHIP_PROPERTIES,
      // A chip's own figures (what it is, what it rents for) all answer "/chips h800".
      allFiguresFor: new Set(['chip']),
      titleKey: 'answer.chipsTitle',
      whatKey: 'answer.chipsWhat',
      example: '/chips deepseek',
      related: 'cost',
      relatedProperties: COST_PROPERTIES,
    }),
} satisfies Command;
