import type { EvalContext } from "../eval-context";

export interface CheckOutcome {
  passed: boolean;
  message: string;
}

export type CheckEvaluator<C> = (check: C, ctx: EvalContext) => Promise<CheckOutcome>;

export const pass = (message: string): CheckOutcome => ({ passed: true, message });
export const fail = (message: string): CheckOutcome => ({ passed: false, message });
