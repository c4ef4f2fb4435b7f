/**
 * Runs `work` over the items with at most `limit` in flight, and rejects with the first error once every started
 * item has settled (so no write is left running behind the caller's back).
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  let failure: { error: unknown } | undefined;
  const runner = async () => {
    while (index < items.length && !failure) {
      const item = items[index++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  if (failure) throw failure.error;
}
