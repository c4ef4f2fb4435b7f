import type { Program, ProgramContext } from "../../terminal/program";
import { CommandError } from "../errors";

/**
 * How `kubectl edit` lets the user change text: resolves to the edited text, or undefined when nothing was
 * saved. Tests inject their own; the terminal's default runs the editor program named by $KUBE_EDITOR/$EDITOR.
 */
export type EditText = (ctx: ProgramContext, text: string, fileName: string) => Promise<string | undefined>;

let editorPrograms: (name: string) => Program | undefined = () => undefined;
let hook: EditText | undefined;

/** The terminal tells kubectl which editor programs it has (`nano`, …), as a PATH lookup would. */
export function useEditorPrograms(lookup: (name: string) => Program | undefined): void {
  editorPrograms = lookup;
}

/** Replaces the editing step (tests); `undefined` restores the default. */
export function setEditText(edit: EditText | undefined): void {
  hook = edit;
}

export const editText: EditText = (ctx, text, fileName) => (hook ?? editInFile)(ctx, text, fileName);

/** Writes the text under $HOME/.kube/tmp, runs the editor on it in the foreground, reads it back. */
async function editInFile(ctx: ProgramContext, text: string, fileName: string): Promise<string | undefined> {
  const home = ctx.env.get("HOME") ?? "/";
  const dir = `${home.replace(/\/$/, "")}/.kube/tmp`;
  const path = `${dir}/${fileName}`;
  const command = (ctx.env.get("KUBE_EDITOR") || ctx.env.get("EDITOR") || "nano").trim().split(/\s+/);
  const name = command[0]!.split("/").pop()!;
  const program = editorPrograms(name);
  if (!program) throw new CommandError(`unable to launch the editor "${command.join(" ")}"`);
  await ctx.fs.mkdir(dir, { parents: true });
  await ctx.fs.writeFile(path, text);
  try {
    const code = await program({ ...ctx, argv: [name, ...command.slice(1), path] });
    if (code !== 0) throw new CommandError(`there was a problem with the editor "${command.join(" ")}"`);
    return await ctx.fs.readFile(path);
  } finally {
    await ctx.fs.remove(path).catch(() => undefined);
  }
}
