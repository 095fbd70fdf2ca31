// Run by `loadCompiledKnowledge` in a child process: compiles a knowledge directory into a data
// directory and exits, so that the memory compiling takes is returned to the system rather than kept
// by the serving process. Prints the compiled file's path (exit 0), the problems as JSON (exit 3), or
// nothing when the data directory cannot be written (exit 4).
import { CHILD_INVALID, CHILD_UNWRITABLE, compileKnowledgeFile } from './compiled.js';
import { KnowledgeError } from './errors.js';

const [dir = '', dataDir = ''] = process.argv.slice(2);
try {
  const artifact = await compileKnowledgeFile(dir, dataDir);
  if (artifact === undefined) process.exitCode = CHILD_UNWRITABLE;
  else process.stdout.write(artifact);
} catch (err) {
  if (!(err instanceof KnowledgeError)) throw err;
  process.stdout.write(JSON.stringify(err.issues));
  process.exitCode = CHILD_INVALID;
}
