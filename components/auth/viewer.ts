import { unstable_rethrow } from "next/navigation";
import { currentUser } from "@/lib/server/auth/current-user";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { logger } from "@/lib/server/logger";

/**
 * The signed-in user for chrome that must render regardless (the header, the sign-in pages): if the session
 * cannot be checked (Postgres is away) the page shows as signed out instead of failing; /healthz says why.
 */
export async function viewer(): Promise<PlatformUser | undefined> {
  try {
    return await currentUser();
  } catch (error) {
    unstable_rethrow(error); // Next's own control flow (dynamic rendering, redirects) must pass through
    logger("web").warn({ err: error }, "could not check the session");
    return undefined;
  }
}
