import { normaliseHomePath } from "@/lib/labs/home-file-path";
import { FsError } from "@/lib/terminal/virtual-fs";
import type { PrismaClient } from "../db/generated/prisma/client";
import { homeDirectory, homeUserName } from "../terminal/home-path";
import { PrismaHomeFs } from "../terminal/prisma-home-fs";

/**
 * One file of a learner's terminal home, for the homeFile check: `path` is relative to the home and may not
 * climb out of it. The home is the user's (by id, from the session), as the terminal names it; a missing file, a
 * directory, or a user without a home reads as no file.
 */
export async function readHomeFile(prisma: PrismaClient, userId: string, path: string): Promise<string | undefined> {
  const relative = normaliseHomePath(path);
  if (relative === undefined) return undefined;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return undefined;
  const home = homeDirectory(homeUserName(user.email));
  try {
    return await new PrismaHomeFs(prisma, userId, home).readFile(`${home}/${relative}`);
  } catch (error) {
    if (error instanceof FsError) return undefined;
    throw error;
  }
}
