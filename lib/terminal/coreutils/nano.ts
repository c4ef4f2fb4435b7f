import { decodeKeys } from "../key-decoder";
import type { ProgramContext } from "../program";
import { FsError } from "../virtual-fs";
import { NanoEditor } from "./nano-editor";
import { pathOf, usageError } from "./util";

/** nano [FILE] (and vi/vim, aliased here): a full-screen editor on the terminal's raw keys. */
export async function nano(ctx: ProgramContext): Promise<number> {
  const tty = ctx.tty;
  if (!tty) return usageError(ctx, "Too many errors from stdin");
  const name = ctx.argv.slice(1).find((a) => !a.startsWith("-") && !a.startsWith("+")) ?? "";
  let text: string | undefined;
  if (name !== "") {
    try {
      text = await ctx.fs.readFile(pathOf(ctx, name));
    } catch (error) {
      if (error instanceof FsError && error.code === "EISDIR") return usageError(ctx, `nano: "${name}" is a directory`);
      if (!(error instanceof FsError && error.code === "ENOENT")) throw error;
    }
  }
  const editor = new NanoEditor(name, text, tty.columns, tty.rows);
  ctx.stdout.write("\x1b[?1049h\x1b[H\x1b[2J" + editor.render());
  const stopResize = tty.onResize((columns, rows) => {
    editor.columns = columns;
    editor.rows = rows;
    ctx.stdout.write("\x1b[2J" + editor.render());
  });
  try {
    keys: for await (const chunk of tty.keys) {
      for (const key of decodeKeys(chunk)) {
        const action = editor.key(key);
        if (action === "exit") break keys;
        if (action === "save" || action === "save-and-exit") {
          try {
            await ctx.fs.writeFile(pathOf(ctx, editor.filename), editor.text());
            editor.saved(editor.filename);
            if (action === "save-and-exit") break keys;
          } catch (error) {
            editor.failed(error instanceof FsError ? error.message : String(error));
          }
        }
      }
      ctx.stdout.write(editor.render());
    }
  } finally {
    stopResize();
    ctx.stdout.write("\x1b[?1049l");
  }
  return 0;
}
