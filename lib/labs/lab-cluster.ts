// The engine's only window on the cluster: read-only, and scoped to ONE namespace (the learner's).
// The server implements it over the in-process API acting as the platform, so a learner cannot fake RBAC
// answers or reach into another namespace; checks never name a namespace at all.

/** A Kubernetes object as JSON; checks read it through object paths. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid?: string }[];
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export type LabSubject = { user: string; groups?: string[] } | { serviceAccount: string };

export interface AccessAttributes {
  verb: string;
  resource: string;
  apiGroup?: string;
  subresource?: string;
  name?: string;
}

export interface ExecResult {
  stdout: string;
  exitCode: number;
}

export interface CommandRecord {
  line: string;
  at: Date;
}

export interface LabCluster {
  readonly namespace: string;
  list(apiVersion: string, kind: string): Promise<KubeObject[]>;
  get(apiVersion: string, kind: string, name: string): Promise<KubeObject | undefined>;
  /** core/v1 Events in the namespace. */
  events(): Promise<KubeObject[]>;
  exec(pod: string, container: string | undefined, argv: string[]): Promise<ExecResult>;
  /** A SubjectAccessReview in the learner's namespace. */
  canI(subject: LabSubject, attributes: AccessAttributes): Promise<boolean>;
  /** The learner's terminal command lines, oldest first; `since` filters by time. */
  commands(since?: Date): Promise<CommandRecord[]>;
  /** A file in the learner's terminal home (`path` relative to it, e.g. `.kube/config`); undefined if there is none. */
  homeFile(path: string): Promise<string | undefined>;
}
