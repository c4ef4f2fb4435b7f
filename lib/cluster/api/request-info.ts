/**
 * What an HTTP request asks of the API, decoded from method and path the way Kubernetes' RequestInfoFactory
 * does: the verb RBAC sees, and the group, version, namespace, resource, subresource and name it touches.
 */
export type ResourceRequest = {
  kind: "resource";
  verb: "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
};

export type NonResourceRequest = { kind: "nonResource"; verb: string; path: string };

export type RequestInfo = ResourceRequest | NonResourceRequest;

const methodVerbs: Record<string, string> = {
  GET: "get",
  HEAD: "get",
  POST: "create",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

const namespaceSubresources = new Set(["status", "finalize"]);

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const baseVerb = methodVerbs[method.toUpperCase()] ?? method.toLowerCase();
  const parts = path.split("/").filter((p) => p !== "");
  const nonResource: NonResourceRequest = { kind: "nonResource", verb: baseVerb, path };

  let rest: string[];
  let group = "";
  let version: string;
  if (parts[0] === "api" && parts.length >= 3) {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return nonResource;
  }

  // The deprecated /watch/ path prefix still exists in the API and in RBAC's view it is a watch.
  let watchPrefix = false;
  if (rest[0] === "watch") {
    watchPrefix = true;
    rest = rest.slice(1);
  }

  let namespace = "";
  // /namespaces/{ns}/{resource}/... is namespaced; /namespaces, /namespaces/{name} and its status and
  // finalize subresources are the Namespace objects themselves.
  if (rest[0] === "namespaces" && rest.length >= 2) {
    namespace = rest[1]!;
    if (rest.length >= 3 && !namespaceSubresources.has(rest[2]!)) rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return nonResource;

  const [resource = "", name = "", subresource = ""] = rest;
  let verb = baseVerb as ResourceRequest["verb"];
  if (name === "") {
    if (verb === "get") verb = isWatch(query) || watchPrefix ? "watch" : "list";
    else if (verb === "delete") verb = "deletecollection";
  } else if (verb === "get" && (watchPrefix || (isWatch(query) && subresource === ""))) {
    verb = "watch";
  }
  // As Kubernetes does: a list or watch narrowed to one name by fieldSelector is authorised as that name, so
  // `kubectl get pod x -w` works for someone whose rules name x.
  let effectiveName = name;
  if ((verb === "list" || verb === "watch") && name === "") effectiveName = singleNameFromFieldSelector(query) ?? "";
  return { kind: "resource", verb, group, version, namespace, resource, subresource, name: effectiveName };
}

function singleNameFromFieldSelector(query: URLSearchParams): string | undefined {
  const selector = query.get("fieldSelector");
  if (!selector) return undefined;
  const match = /^metadata\.name==?([^,]*)$/.exec(selector);
  return match?.[1] || undefined;
}

function isWatch(query: URLSearchParams): boolean {
  const value = query.get("watch");
  return value === "true" || value === "1";
}
