import { describe, expect, it } from "vitest";
import { ApiError } from "../api/status";
import { impersonatedUser } from "./impersonation";
import type { Decision, RequestAttributes, UserInfo } from "./user-info";

const alice: UserInfo = { username: "alice", uid: "1", groups: ["system:authenticated"] };

/** Allows impersonating exactly what `allowed` lists ("users/bob", "groups/devs", …); records every check. */
function authorizer(allowed: string[]) {
  const asked: string[] = [];
  const authorize = (a: RequestAttributes): Promise<Decision> => {
    if (a.kind !== "resource") throw new Error("resource checks only");
    const key = `${a.resource}${a.subresource ? `/${a.subresource}` : ""}/${a.namespace ? `${a.namespace}/` : ""}${a.name}`;
    asked.push(`${a.verb} ${a.group}:${key}`);
    return Promise.resolve(allowed.includes(key) ? { allowed: true } : { allowed: false, reason: `User "alice" cannot impersonate resource "${a.resource}" in API group "${a.group}" at the cluster scope` });
  };
  return { authorize, asked };
}

describe("impersonation", () => {
  it("acts as the user and groups asked for when each is allowed, adding system:authenticated", async () => {
    const { authorize, asked } = authorizer(["users/bob", "groups/devs"]);
    const user = await impersonatedUser(alice, { user: "bob", groups: ["devs"], extra: {} }, authorize);
    expect(user).toEqual({ username: "bob", uid: "", groups: ["devs", "system:authenticated"] });
    expect(asked).toEqual(["impersonate :users/bob", "impersonate :groups/devs"]);
  });

  it("checks service accounts as serviceaccounts in their namespace and gives them their groups", async () => {
    const { authorize, asked } = authorizer(["serviceaccounts/team/robot"]);
    const user = await impersonatedUser(alice, { user: "system:serviceaccount:team:robot", groups: [], extra: {} }, authorize);
    expect(user.groups).toEqual(["system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated"]);
    expect(asked).toEqual(["impersonate :serviceaccounts/team/robot"]);
  });

  it("refuses with kube-apiserver's 403 at the first attribute not allowed", async () => {
    const { authorize } = authorizer(["users/bob"]);
    const error = await impersonatedUser(alice, { user: "bob", groups: ["system:masters"], extra: {} }, authorize).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(403);
    expect((error as ApiError).message).toBe('groups "system:masters" is forbidden: User "alice" cannot impersonate resource "groups" in API group "" at the cluster scope');
  });

  it("checks uids and extras in authentication.k8s.io", async () => {
    const { authorize, asked } = authorizer(["users/bob", "uids/42", "userextras/scopes/read"]);
    const user = await impersonatedUser(alice, { user: "bob", uid: "42", groups: [], extra: { scopes: ["read"] } }, authorize);
    expect(user).toEqual({ username: "bob", uid: "42", groups: ["system:authenticated"], extra: { scopes: ["read"] } });
    expect(asked).toEqual(["impersonate :users/bob", "impersonate authentication.k8s.io:uids/42", "impersonate authentication.k8s.io:userextras/scopes/read"]);
  });

  it("refuses groups without a user as a bad request", async () => {
    const { authorize } = authorizer(["groups/devs"]);
    const error = await impersonatedUser(alice, { groups: ["devs"], extra: {} }, authorize).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe(400);
    expect((error as ApiError).message).toBe("requested [group devs] without impersonating a user");
  });
});
