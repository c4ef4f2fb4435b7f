import type { ParsedFlags } from "../flags/flag-spec";
import type { KubectlDeps } from "../kubectl-deps";

/**
 * --as, --as-group and --as-uid: every request carries them (real kubectl sends Impersonate-* headers), and the
 * API server decides whether the signed-in user may act as that identity, exactly as for HTTPS clients.
 */
export function withImpersonation(deps: KubectlDeps, flags: ParsedFlags): KubectlDeps {
  const user = flags.string("as");
  const groups = flags.strings("as-group");
  const uid = flags.string("as-uid");
  if (user === "" && groups.length === 0 && uid === "") return deps;
  const impersonate = { ...(user ? { user } : {}), ...(uid ? { uid } : {}), groups, extra: {} };
  return { ...deps, serve: (request) => deps.serve({ ...request, impersonate }) };
}
