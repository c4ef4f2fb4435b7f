/** Time, injected: tests and labs fast-forward it; nothing in the pure core reads the wall clock itself. */
export interface Clock {
  now(): Date;
}

/** A clock that moves only when told to, for tests and golden files. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date("2026-01-01T00:00:00Z")) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
