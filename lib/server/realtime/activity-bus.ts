/**
 * What learners do, as it happens, for the instructor's live views (classroom dashboard, student view). The
 * terminal, the API server's audit and the lab checker all run in the web process (server.ts), so an in-process
 * bus reaches every instructor socket of that process; the same facts are also stored (TerminalCommand,
 * audit_events, CheckAttempt, LabProgress), which is what a page load reads.
 */
export type ActivityEvent =
  | { kind: "command"; userId: string; namespace: string | null; line: string; exitCode: number | null; at: Date }
  | {
      kind: "api";
      /** The API user name: a platform user's e-mail, or system:serviceaccount:… */
      username: string;
      verb: string;
      resource: string;
      subresource: string;
      namespace: string;
      name: string;
      code: number;
      message: string | null;
      at: Date;
    }
  | {
      kind: "check";
      userId: string;
      labSlug: string;
      stepId: string;
      passed: boolean;
      results: { id: string; passed: boolean; message: string }[];
      at: Date;
    }
  | { kind: "progress"; userId: string; labSlug: string; stepId: string; status: "IN_PROGRESS" | "PASSED"; at: Date };

export type ActivityListener = (event: ActivityEvent) => void;

export class ActivityBus {
  private readonly listeners = new Set<ActivityListener>();

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  on(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Never throws: a failing listener must not fail the learner's command or request. */
  emit(event: ActivityEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's own bug is its own; the learner's action already happened.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

/**
 * The web process's bus. Next.js route handlers (the Check button) load their own copy of every module, while the
 * terminal, the API server and the sockets run in server.ts's; the one bus lives on globalThis under a registry
 * symbol so both copies reach the same listeners (as process-cluster-api.ts does for the ClusterApi).
 */
const busKey = Symbol.for("kubeclass.activityBus");
const holder = globalThis as typeof globalThis & { [busKey]?: ActivityBus };
export const activityBus: ActivityBus = (holder[busKey] ??= new ActivityBus());
