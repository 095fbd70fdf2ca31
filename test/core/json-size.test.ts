import { expect, test } from 'vitest';
import { jsonSize } from '../../src/core/json-size.js';
import { consoleActor, testCore } from '../helpers.js';

// The caches weigh answers with this estimate: it must stay close to what the answer takes as JSON.
test('an answer is weighed within a few percent of its JSON length, large or small', async () => {
  const core = await testCore();
  for (const line of [
    '/cost r1',
    '/chips deepseek',
    '/fact r1 training cost',
    '/disputed',
    '/sources',
    '/help',
  ]) {
    const answer = await core.dispatchLine(line, consoleActor);
    const exact = JSON.stringify(answer).length;
    expect(Math.abs(jsonSize(answer) - exact) / exact, line).toBeLessThan(0.05);
  }
});
