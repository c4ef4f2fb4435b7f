/**
 * Where keys wait for a reconcile. Adding a key that is already waiting is a no-op (the pass reads the latest
 * state anyway); adding one that is being reconciled right now must lead to another pass afterwards, so that a
 * change arriving mid-pass is never lost. BullMQ in production (lib/server/controllers), memory in tests.
 */
export interface WorkQueue {
  add(controller: string, key: string): void;
  /** A timer: reconcile the key after `delayMs` (an earlier pending timer for it wins). */
  addAfter(controller: string, key: string, delayMs: number): void;
}
