import type { ProgramContext } from "../program";
import type { Shell } from "../shell";
import { base64 } from "./base64";
import { cut, tr } from "./cut-tr";
import { cat, cp, mkdir, mv, rm, touch } from "./file-ops";
import { grep } from "./grep";
import { head, tail, tee, wc } from "./head-tail";
import { jq } from "./jq";
import { ls } from "./ls";
import { basename, date, dirname, hostname, seq, whoami } from "./misc";
import { nano } from "./nano";
import { sort, uniq } from "./sort-uniq";
import { pager, xargs } from "./xargs-less";

/** The coreutils-like programs every terminal has, by name. */
export const coreutils: Record<string, (ctx: ProgramContext, shell: Shell) => Promise<number>> = {
  ls,
  cat,
  cp,
  mv,
  rm,
  mkdir,
  touch,
  head,
  tail,
  wc,
  sort,
  uniq,
  grep,
  egrep: grep,
  cut,
  tr,
  base64,
  tee,
  jq,
  nano,
  whoami,
  hostname,
  date,
  seq,
  basename,
  dirname,
  xargs,
  less: pager,
  more: pager,
};
