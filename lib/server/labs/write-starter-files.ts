import { homeDirectory, homeUserName, parentPath } from "../terminal/home-path";
import { PrismaHomeFs } from "../terminal/prisma-home-fs";
import type { PrismaClient } from "../db/generated/prisma/client";

/**
 * Puts a step's starter files into the learner's terminal home, the one the browser terminal shows. Only missing
 * files are written: a file already there is the learner's (perhaps edited on purpose), so it is never
 * overwritten. Returns the paths written, relative to the home.
 */
export async function writeStarterFiles(prisma: PrismaClient, user: { id: string; email: string }, files: readonly { path: string; content: string }[]): Promise<string[]> {
  if (files.length === 0) return [];
  const home = homeDirectory(homeUserName(user.email));
  const fs = new PrismaHomeFs(prisma, user.id, home);
  const written: string[] = [];
  for (const file of files) {
    // The lab schema refuses absolute paths and `..`; empty and `.` segments are dropped here.
    const relative = file.path.split("/").filter((s) => s !== "" && s !== ".").join("/");
    if (!relative || relative.split("/").includes("..")) throw new Error(`starter file ${file.path} is outside the home`);
    const path = `${home}/${relative}`;
    if (await fs.stat(path)) continue;
    await fs.mkdir(parentPath(path), { parents: true });
    await fs.writeFile(path, file.content);
    written.push(relative);
  }
  return written;
}
