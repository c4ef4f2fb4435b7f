/**
 * Query and path parameters of the REST operations, as one neutral description that the v2 and v3 writers
 * both render. The names and meanings are Kubernetes'; `fieldValidation` on PATCH is what tells kubectl the
 * server validates fields itself (it then sends `fieldValidation=Strict` and skips client-side validation).
 */
export type ParameterModel = {
  name: string;
  in: "query" | "path";
  type: "string" | "boolean" | "integer";
  description: string;
  required?: boolean;
};

const query = (name: string, type: ParameterModel["type"], description: string): ParameterModel => ({
  name,
  in: "query",
  type,
  description,
});

export const pathParameters = {
  name: { name: "name", in: "path", type: "string", required: true, description: "name of the object" },
  namespace: {
    name: "namespace",
    in: "path",
    type: "string",
    required: true,
    description: "object name and auth scope, such as for teams and projects",
  },
} satisfies Record<string, ParameterModel>;

export const queryParameters = {
  pretty: query("pretty", "string", "If 'true', the output is pretty printed."),
  dryRun: query(
    "dryRun",
    "string",
    "When present, the request is processed in full (defaulting, admission, validation) but nothing is persisted. The only valid value is All.",
  ),
  fieldManager: query(
    "fieldManager",
    "string",
    "A name for the actor making the change, recorded in managedFields. At most 128 printable characters. Required for apply patches, optional otherwise.",
  ),
  fieldValidation: query(
    "fieldValidation",
    "string",
    "What the server does with unknown or duplicate fields in the request body: Ignore drops them silently, Warn drops them and returns a warning for each, Strict fails the request with a BadRequest error naming them. kubectl sends Strict unless told otherwise.",
  ),
  force: query(
    "force",
    "boolean",
    "Apply patches only: take ownership of fields other managers own instead of failing with a conflict. Must be unset for other patch types.",
  ),
  labelSelector: query("labelSelector", "string", "Only return objects whose labels match this selector, e.g. app=web,tier!=db."),
  fieldSelector: query(
    "fieldSelector",
    "string",
    "Only return objects whose fields match this selector, e.g. metadata.name=web or status.phase=Running.",
  ),
  limit: query(
    "limit",
    "integer",
    "The most objects to return. When more remain, the list's metadata.continue is set; pass it back as continue to get the next page.",
  ),
  continue: query(
    "continue",
    "string",
    "The metadata.continue value of the previous page, to get the next one. It expires with the server's history window (410 Gone).",
  ),
  resourceVersion: query(
    "resourceVersion",
    "string",
    "Which version of the data a list or watch may reflect. Unset: the latest. \"0\": any. For a watch, the version to start after.",
  ),
  resourceVersionMatch: query(
    "resourceVersionMatch",
    "string",
    "How resourceVersion applies to a list: NotOlderThan or Exact. Only with resourceVersion set.",
  ),
  timeoutSeconds: query("timeoutSeconds", "integer", "A time limit for the list or watch call, in seconds."),
  watch: query(
    "watch",
    "boolean",
    "Watch for changes instead of listing: the response is a stream of ADDED, MODIFIED, DELETED and BOOKMARK events.",
  ),
  allowWatchBookmarks: query(
    "allowWatchBookmarks",
    "boolean",
    "Watches only: the server may send BOOKMARK events that carry only a resourceVersion.",
  ),
  gracePeriodSeconds: query(
    "gracePeriodSeconds",
    "integer",
    "Seconds before the object is deleted; 0 means immediately. Unset: the kind's default (for pods, spec.terminationGracePeriodSeconds).",
  ),
  propagationPolicy: query(
    "propagationPolicy",
    "string",
    "What happens to objects this one owns: Orphan leaves them, Background deletes them after this one, Foreground deletes them before this one.",
  ),
  orphanDependents: query(
    "orphanDependents",
    "boolean",
    "Deprecated: use propagationPolicy. true orphans the dependents, false deletes them.",
  ),
  container: query(
    "container",
    "string",
    "The container whose log to return. May be omitted when the pod has one container.",
  ),
  follow: query("follow", "boolean", "Keep the response open and stream the log as it grows."),
  previous: query("previous", "boolean", "Return the log of the previous, terminated instance of the container."),
  sinceSeconds: query("sinceSeconds", "integer", "Only lines newer than this many seconds."),
  tailLines: query("tailLines", "integer", "Only this many lines from the end of the log."),
  timestamps: query("timestamps", "boolean", "Prefix every line with an RFC3339 timestamp."),
  limitBytes: query("limitBytes", "integer", "Stop after this many bytes of log."),
} satisfies Record<string, ParameterModel>;

const q = queryParameters;

export const listParameters: ParameterModel[] = [
  q.allowWatchBookmarks,
  q.continue,
  q.fieldSelector,
  q.labelSelector,
  q.limit,
  q.resourceVersion,
  q.resourceVersionMatch,
  q.timeoutSeconds,
  q.watch,
];
export const writeParameters: ParameterModel[] = [q.dryRun, q.fieldManager, q.fieldValidation];
export const patchParameters: ParameterModel[] = [...writeParameters, q.force];
export const deleteParameters: ParameterModel[] = [
  q.dryRun,
  q.gracePeriodSeconds,
  q.orphanDependents,
  q.propagationPolicy,
];
export const deleteCollectionParameters: ParameterModel[] = [
  q.continue,
  q.dryRun,
  q.fieldSelector,
  q.gracePeriodSeconds,
  q.labelSelector,
  q.limit,
  q.orphanDependents,
  q.propagationPolicy,
  q.resourceVersion,
  q.resourceVersionMatch,
  q.timeoutSeconds,
];
export const logParameters: ParameterModel[] = [
  q.container,
  q.follow,
  q.limitBytes,
  q.previous,
  q.sinceSeconds,
  q.tailLines,
  q.timestamps,
];
