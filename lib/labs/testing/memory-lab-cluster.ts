// An in-memory LabCluster for unit tests: objects, events and command history are plain arrays; exec answers
// from a per-pod file map; canI from a predicate; homeFile from a path map. It counts list calls so tests can
// assert the cache.
import { normaliseHomePath } from "../home-file-path";
import { resolveApiVersion } from "../kind-versions";
import type { AccessAttributes, CommandRecord, ExecResult, KubeObject, LabCluster, LabSubject } from "../lab-cluster";

export interface MemoryLabClusterOptions {
  namespace?: string;
  objects?: KubeObject[];
  events?: KubeObject[];
  commands?: CommandRecord[];
  /** pod name → (path → content) readable by `cat`. */
  files?: Record<string, Record<string, string>>;
  canI?: (subject: LabSubject, attributes: AccessAttributes) => boolean;
  /** Answers exec calls other than `cat` (e.g. nslookup, curl): pod, container, argv → result. */
  execAnswer?: (pod: string, container: string | undefined, argv: string[]) => ExecResult | undefined;
  /** The learner's home: relative path → content. */
  homeFiles?: Record<string, string>;
}

export class MemoryLabCluster implements LabCluster {
  readonly namespace: string;
  objects: KubeObject[];
  eventList: KubeObject[];
  commandList: CommandRecord[];
  files: Record<string, Record<string, string>>;
  homeFiles: Record<string, string>;
  listCalls = 0;
  private readonly canIAnswer: (subject: LabSubject, attributes: AccessAttributes) => boolean;
  private readonly execAnswer: MemoryLabClusterOptions["execAnswer"];

  constructor(options: MemoryLabClusterOptions = {}) {
    this.namespace = options.namespace ?? "learner-1";
    this.objects = options.objects ?? [];
    this.eventList = options.events ?? [];
    this.commandList = options.commands ?? [];
    this.files = options.files ?? {};
    this.homeFiles = options.homeFiles ?? {};
    this.canIAnswer = options.canI ?? (() => false);
    this.execAnswer = options.execAnswer;
  }

  list(apiVersion: string, kind: string): Promise<KubeObject[]> {
    this.listCalls++;
    return Promise.resolve(
      this.objects.filter((o) => o.kind === kind && resolveApiVersion(kind, o.apiVersion) === apiVersion),
    );
  }

  async get(apiVersion: string, kind: string, name: string): Promise<KubeObject | undefined> {
    return (await this.list(apiVersion, kind)).find((o) => o.metadata?.name === name);
  }

  events(): Promise<KubeObject[]> {
    return Promise.resolve(this.eventList);
  }

  exec(pod: string, container: string | undefined, argv: string[]): Promise<ExecResult> {
    const answer = this.execAnswer?.(pod, container, argv);
    if (answer) return Promise.resolve(answer);
    const files = this.files[pod];
    if (!files) return Promise.resolve({ stdout: `error: pod ${pod} has no running container`, exitCode: 1 });
    if (argv[0] !== "cat" || argv[1] === undefined) return Promise.resolve({ stdout: "", exitCode: 127 });
    const content = files[argv[1]];
    return Promise.resolve(
      content === undefined
        ? { stdout: `cat: can't open '${argv[1]}': No such file or directory`, exitCode: 1 }
        : { stdout: content, exitCode: 0 },
    );
  }

  canI(subject: LabSubject, attributes: AccessAttributes): Promise<boolean> {
    return Promise.resolve(this.canIAnswer(subject, attributes));
  }

  commands(since?: Date): Promise<CommandRecord[]> {
    return Promise.resolve(this.commandList.filter((c) => since === undefined || c.at >= since));
  }

  homeFile(path: string): Promise<string | undefined> {
    const relative = normaliseHomePath(path);
    return Promise.resolve(relative === undefined ? undefined : this.homeFiles[relative]);
  }
}

/** Builders for the objects tests need most. */
export const fixtures = {
  pod(name: string, labels: Record<string, string>, opts: { ready?: boolean; phase?: string; image?: string; owner?: { kind: string; name: string } } = {}): KubeObject {
    const phase = opts.phase ?? (opts.ready === false ? "Pending" : "Running");
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, labels, ...(opts.owner ? { ownerReferences: [opts.owner] } : {}) },
      spec: { containers: [{ name: "app", image: opts.image ?? "nigelpoulton/k8sbook:1.0" }] },
      status: { phase, conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }] },
    };
  },
  deployment(name: string, replicas: number, ready: number, image = "nigelpoulton/k8sbook:1.0", revision = 1): KubeObject {
    return {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, labels: { app: name }, annotations: { "deployment.kubernetes.io/revision": String(revision) } },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image }] } } },
      status: { replicas, readyReplicas: ready },
    };
  },
  service(name: string, selector: Record<string, string> | undefined): KubeObject {
    return { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { ...(selector ? { selector } : {}), ports: [{ port: 8080 }] } };
  },
  event(reason: string, involved: { kind: string; name: string }, at: string, message = ""): KubeObject {
    return { apiVersion: "v1", kind: "Event", metadata: { name: `${involved.name}.${reason}` }, reason, message, involvedObject: involved, lastTimestamp: at };
  },
};
