import type { ClusterRoleBinding, RoleBinding, Subject } from "kubernetes-types/rbac/v1";
import { ageColumn, column, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import { age } from "./format";
import { definePrinter, type Printer, type TableCell } from "./types";

// Roles and ClusterRoles have no printer upstream: they get the default table (NAME, CREATED AT).

/** rbac.SubjectsStrings, each list joined with ", ". */
function subjects(list: Subject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of list ?? []) {
    if (s.kind === "ServiceAccount") serviceAccounts.push(`${s.namespace ?? ""}/${s.name}`);
    else if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
  }
  return [users.join(", "), groups.join(", "), serviceAccounts.join(", ")];
}

function bindingPrinter(kind: "roleBinding" | "clusterRoleBinding"): Printer<RoleBinding | ClusterRoleBinding> {
  const roleRefDoc = kind === "roleBinding" ? docs.roleBindingRoleRef : docs.clusterRoleBindingRoleRef;
  return definePrinter<RoleBinding | ClusterRoleBinding>({
    columns: [
      nameColumn,
      column("Role", "string", roleRefDoc),
      ageColumn,
      wide("Users", "string", `Users in the ${kind}`),
      wide("Groups", "string", `Groups in the ${kind}`),
      wide("ServiceAccounts", "string", `ServiceAccounts in the ${kind}`),
    ],
    cells(binding, { now }): TableCell[] {
      const roleRef = `${binding.roleRef?.kind ?? ""}/${binding.roleRef?.name ?? ""}`;
      return [binding.metadata?.name ?? "", roleRef, age(binding, now), ...subjects(binding.subjects)];
    },
  });
}

export const roleBindingPrinter = bindingPrinter("roleBinding");
export const clusterRoleBindingPrinter = bindingPrinter("clusterRoleBinding");
