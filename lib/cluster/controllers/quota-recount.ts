import type { ResourceList } from "../api/admission/resource-lists";
import { compareQuantities, type Quantity } from "../api/quantity";

// What the resource quota controller writes after measuring a quota's usage from the store. Admission charges a
// quota (compare-and-swap on status.used) before it stores the object it charged for, and the API server gives
// usage back right after a delete is stored: a measurement taken in either window is lower than the truth.
// Writing it would let one more object in. So a lower figure is taken only when it holds still.

/** A recount that found usage lower than recorded, at a quota revision; kept until it is confirmed or moot. */
export type LowerRecount = { resourceVersion: string; at: number; measured: ResourceList };

export type RecountInput = {
  /** status.used as stored now. */
  recorded: ResourceList;
  /** What the namespace's objects add up to now, for every tracked resource something measures. */
  measured: ResourceList;
  /** The quota's resourceVersion now: any charge or release since `earlier` changes it. */
  resourceVersion: string;
  now: number;
  earlier: LowerRecount | undefined;
  /** How long admission may take from charging a quota to storing the object (and a delete to its release). */
  settleMs: number;
};

export type RecountResult = {
  used: ResourceList;
  /** Set while some resource measured lower than recorded and that is not yet confirmed. */
  lower?: LowerRecount;
  /** When to measure again to confirm it. */
  confirmInMs?: number;
};

const max = (a: Quantity, b: Quantity) => (compareQuantities(a, b) >= 0 ? a : b);
const min = (a: Quantity, b: Quantity) => (compareQuantities(a, b) <= 0 ? a : b);

/**
 * Higher figures, and resources not yet recorded, are taken at once (an extra refusal for a moment is the safe
 * side). A lower figure is taken only once a measurement at least `settleMs` old, of this very quota revision
 * (so no charge or release has happened since), found it lower too; and then the higher of the two, so that an
 * object in flight at either moment is still counted.
 */
export function recount({ recorded, measured, resourceVersion, now, earlier, settleMs }: RecountInput): RecountResult {
  const same = earlier?.resourceVersion === resourceVersion ? earlier : undefined;
  const confirmed = same !== undefined && now - same.at >= settleMs;
  const used: ResourceList = new Map();
  let lower = false;
  for (const [name, value] of measured) {
    const before = recorded.get(name);
    if (before === undefined || compareQuantities(value, before) >= 0) {
      used.set(name, value);
    } else if (confirmed) {
      const first = same.measured.get(name);
      used.set(name, first ? min(max(first, value), before) : value);
    } else {
      used.set(name, before);
      lower = true;
    }
  }
  if (!lower) return { used };
  const pending = same ?? { resourceVersion, at: now, measured };
  return { used, lower: pending, confirmInMs: Math.max(pending.at + settleMs - now, 1) };
}
