// Bounded concurrency, shared by the gate engine (checks) and the commands that walk many projects.

/**
 * Runs `work` over `items` with at most `limit` at once; the results keep the items' order,
 * whatever order they finish in. Once `signal` is aborted no new item is started.
 */
export async function runPooled<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
