import { describe, expect, it } from "vitest";
import { parseRequestInfo } from "./request-info";

const info = (method: string, url: string) => {
  const parsed = new URL(url, "https://x");
  return parseRequestInfo(method, parsed.pathname, parsed.searchParams);
};

describe("parseRequestInfo", () => {
  it("reads namespaced core and group resources", () => {
    expect(info("GET", "/api/v1/namespaces/dev/pods/web")).toEqual({
      kind: "resource",
      verb: "get",
      group: "",
      version: "v1",
      namespace: "dev",
      resource: "pods",
      subresource: "",
      name: "web",
    });
    expect(info("PATCH", "/apis/apps/v1/namespaces/dev/deployments/web/scale")).toMatchObject({
      verb: "patch",
      group: "apps",
      resource: "deployments",
      name: "web",
      subresource: "scale",
    });
  });

  it("tells list from get, watch from list, deletecollection from delete", () => {
    expect(info("GET", "/api/v1/pods")).toMatchObject({ verb: "list", namespace: "", resource: "pods" });
    expect(info("GET", "/api/v1/namespaces/a/pods?watch=true")).toMatchObject({ verb: "watch", namespace: "a" });
    expect(info("GET", "/api/v1/watch/namespaces/a/pods")).toMatchObject({ verb: "watch", resource: "pods" });
    expect(info("GET", "/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dx&watch=1")).toMatchObject({
      verb: "watch",
    });
    expect(info("DELETE", "/api/v1/namespaces/a/configmaps")).toMatchObject({ verb: "deletecollection" });
  });

  it("authorises a list narrowed to one name by fieldSelector as that name", () => {
    expect(info("GET", "/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dweb&watch=true")).toMatchObject({
      verb: "watch",
      name: "web",
    });
    expect(info("GET", "/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dweb,status.phase%3DRunning")).toMatchObject({
      verb: "list",
      name: "",
    });
  });

  it("treats the Namespace objects themselves as cluster-scoped resources", () => {
    expect(info("GET", "/api/v1/namespaces")).toMatchObject({ verb: "list", resource: "namespaces", namespace: "" });
    expect(info("GET", "/api/v1/namespaces/dev")).toMatchObject({
      verb: "get",
      resource: "namespaces",
      name: "dev",
      namespace: "dev",
    });
    expect(info("PUT", "/api/v1/namespaces/dev/finalize")).toMatchObject({
      resource: "namespaces",
      name: "dev",
      subresource: "finalize",
    });
  });

  it("leaves discovery and other paths as non-resource requests", () => {
    expect(info("GET", "/api")).toEqual({ kind: "nonResource", verb: "get", path: "/api" });
    expect(info("GET", "/apis/apps/v1")).toMatchObject({ kind: "nonResource" });
    expect(info("GET", "/version")).toMatchObject({ kind: "nonResource" });
    expect(info("GET", "/api/v1/namespaces/a/pods/b/log/extra")).toMatchObject({ kind: "nonResource" });
  });
});
