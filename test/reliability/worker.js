// A bot process for the reliability tests: the compiled app (dist/) answering JSON lines on stdin,
// so tests can run several real processes on one store and send them requests at the same moment.
//   in:  {"id":1,"command":"kb","args":{"action":"…"},"actor":{…}}   or   {"id":2,"op":"state"}
//   out: {"id":1,"answer":{…}}   {"id":2,"state":"up"}   and first {"ready":true}
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../../dist/src/app.js';
import { createLogger } from '../../dist/src/logger.js';

const root = path.resolve(import.meta.dirname, '../..');
const env = process.env;
const app = await createApp({
  knowledgeDir: path.join(root, 'knowledge'),
  dataDir: env.DATA_DIR ?? path.join(root, 'data'),
  storeUrl: env.STORE_URL || undefined,
  defaultLocale: 'en',
  logger: createLogger(env.LOG_LEVEL ?? 'warn'),
  ...(env.REDIS_PREFIX && { redisPrefix: env.REDIS_PREFIX }),
  ...(env.STORE_TIMEOUT_MS && { storeTimeoutMs: Number(env.STORE_TIMEOUT_MS) }),
});
app.editor.followOtherProcesses();
const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === 'state') reply({ id: request.id, state: app.storeState() });
  else
    void app.core
      .dispatch({ command: request.command, args: request.args, actor: request.actor })
      .then((answer) => reply({ id: request.id, answer }));
}
await app.close();
