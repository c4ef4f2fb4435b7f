import { redirect } from "next/navigation";
import { currentUser } from "./current-user";
import type { PlatformUser } from "./platform-user";

/** For server-rendered pages: the signed-in user, or a redirect to sign in that comes back to `path` afterwards. */
export async function pageUser(path: string): Promise<PlatformUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}
