import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { issueKubeconfig } from "@/lib/server/tokens/issue-kubeconfig";
import { kubeconfigDeps } from "@/lib/server/tokens/kubeconfig-deps";

export const dynamic = "force-dynamic";

const input = z.object({ classroomId: z.string().min(1).max(64).optional() });

/** POST (a form's "Download kubeconfig" button, or fetch): a new token in a kubeconfig file for the signed-in user. */
export const POST = jsonRoute(async (request: Request) => {
  const type = request.headers.get("content-type") ?? "";
  const raw: unknown = type.includes("application/json") ? await request.json() : Object.fromEntries((await request.formData()).entries());
  const { classroomId } = input.parse(raw);
  const user = await requireUser();
  const issued = await issueKubeconfig(await kubeconfigDeps(), user, classroomId ? { classroomId } : {});
  return new Response(issued.yaml, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${issued.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
