import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` once things settle after files under `dir` change (editors save in bursts).
 * @param debounceMs quiet time before reloading (default 300 ms)
 * @returns a function that stops watching
 */
export function watchKnowledgeDir(dir: string, onChange: () => void, debounceMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, file) => {
    if (file !== null && !/\.ya?ml$/i.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
