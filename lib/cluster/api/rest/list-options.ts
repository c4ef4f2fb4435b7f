import { invalid, type StatusCause } from "../status";

const NOT_OLDER_THAN = "NotOlderThan";
const EXACT = "Exact";

const forbidden = (field: string, detail: string): StatusCause => ({ reason: "FieldValueForbidden", message: `Forbidden: ${detail}`, field });
const notSupported = (field: string, value: string, supported: string[]): StatusCause => ({
  reason: "FieldValueNotSupported",
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`,
  field,
});

/**
 * The ListOptions checks Kubernetes makes before a list or watch (ValidateListOptions), as a server with the
 * WatchList feature off answers them: `sendInitialEvents` (present at all, even `false`) is refused with 422, so
 * clients that try streaming lists fall back to list + watch. Throws the 422 Invalid Status.
 */
export function checkListOptions(query: URLSearchParams, watch: boolean): void {
  const causes = watch ? watchCauses(query) : listCauses(query);
  if (causes.length > 0) throw invalid("ListOptions", "meta.k8s.io", "", causes);
}

function watchCauses(query: URLSearchParams): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = query.get("resourceVersionMatch") ?? "";
  const sendInitialEvents = query.has("sendInitialEvents");
  if (sendInitialEvents) {
    if (match !== NOT_OLDER_THAN) {
      causes.push(forbidden("resourceVersionMatch", `sendInitialEvents requires setting resourceVersionMatch to ${NOT_OLDER_THAN}`));
    }
    causes.push(forbidden("sendInitialEvents", "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled"));
  }
  if (match !== "") {
    if (!sendInitialEvents) {
      causes.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
    }
    if (match !== NOT_OLDER_THAN) causes.push(notSupported("resourceVersionMatch", match, [NOT_OLDER_THAN]));
    if (query.get("continue")) causes.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
  }
  return causes;
}

function listCauses(query: URLSearchParams): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = query.get("resourceVersionMatch") ?? "";
  const resourceVersion = query.get("resourceVersion") ?? "";
  if (match !== "") {
    if (resourceVersion === "") {
      causes.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
    }
    if (query.get("continue")) causes.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
    if (match !== EXACT && match !== NOT_OLDER_THAN) causes.push(notSupported("resourceVersionMatch", match, [EXACT, NOT_OLDER_THAN, ""]));
    if (match === EXACT && resourceVersion === "0") {
      causes.push(forbidden("resourceVersionMatch", 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  if (query.has("sendInitialEvents")) causes.push(forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
  return causes;
}
