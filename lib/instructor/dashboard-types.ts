// What the classroom dashboard shows, as plain data: the server builds it, the page renders it, the live socket
// sends one learner's row again when they act. No framework here, so the client component can import it too.

/** green: working and passing; amber: stuck (a check failing again and again, idle mid-step, quota full);
 * red: something in their namespace is broken (a crashing or unpullable pod); grey: not started or away. */
export type StatusColour = "green" | "amber" | "red" | "grey";

/** One heatmap cell: a learner at one lab step. "failing" is in progress with the latest check attempt failed. */
export type CellStatus = "not-started" | "in-progress" | "passed" | "failing";

/** `used` and `hard` as the quota states them ("3", "500m", "2Gi"); `ratio` = used ÷ hard. */
export type QuotaUse = { resource: string; used: string; hard: string; ratio: number };

export type FailingCheck = { id: string; message: string };

export type RosterRow = {
  userId: string;
  name: string;
  email: string;
  namespace: string | null;
  /** The step they touched last (the most recently updated progress row). */
  current: { labSlug: string; labTitle: string; stepId: string; stepTitle: string; status: CellStatus } | null;
  /** Passed steps out of all the steps of the labs they started. */
  progress: { passed: number; total: number };
  /** The same for each lab assigned to the classroom, started or not. */
  assigned: { labSlug: string; title: string; passed: number; total: number }[];
  lastActivityAt: string | null;
  /** The checks that failed in the latest attempt at the current step (empty when it passed or was never checked). */
  failingChecks: FailingCheck[];
  /** How many attempts in a row at the current step failed the same check. */
  failStreak: number;
  /** The quota's most used resources, fullest first. */
  quota: QuotaUse[];
  /** Pods in a failing state, as "name: Reason". */
  podProblems: string[];
  status: { colour: StatusColour; reason: string };
  /** Heatmap cells by `${labSlug}/${stepId}`; steps never opened are absent. */
  cells: Record<string, CellStatus>;
};

export type HeatmapColumn = { key: string; labSlug: string; labTitle: string; stepId: string; stepTitle: string };

export type CheckInsight = { checkId: string; learners: number; failures: number; messages: { message: string; learners: number }[] };

export type StepInsight = { key: string; labSlug: string; labTitle: string; stepId: string; stepTitle: string; learnersTried: number; checks: CheckInsight[] };

export type ClassroomDashboard = {
  classroom: { id: string; name: string };
  generatedAt: string;
  columns: HeatmapColumn[];
  rows: RosterRow[];
  insights: StepInsight[];
};

export const cellKey = (labSlug: string, stepId: string) => `${labSlug}/${stepId}`;
