import { flag, type Command } from "../../command";
import { TabWriter } from "../../printers/tab-writer";
import { toYaml } from "../../printers/yaml";

type Review = { status?: { userInfo?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> } } };

export const whoamiCommand: Command = {
  name: "whoami",
  short: "Experimental: Check self subject attributes",
  usage: "kubectl auth whoami [options]",
  flags: [flag("output", "o", "string", "Output format. One of: (json, yaml).")],
  async run(ctx) {
    const review = (await ctx.client.create("/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      metadata: {},
      status: { userInfo: {} },
    })) as Review;
    const output = ctx.flags.string("output");
    if (output === "json") return (ctx.out(`${JSON.stringify(review, null, 4)}\n`), 0);
    if (output === "yaml") return (ctx.out(toYaml(review)), 0);
    const user = review.status?.userInfo ?? {};
    const writer = new TabWriter();
    writer.row(["ATTRIBUTE", "VALUE"]);
    if (user.username) writer.row(["Username", user.username]);
    if (user.uid) writer.row(["UID", user.uid]);
    if (user.groups?.length) writer.row(["Groups", `[${user.groups.join(" ")}]`]);
    for (const key of Object.keys(user.extra ?? {}).sort()) writer.row([`Extra: ${key}`, `[${(user.extra?.[key] ?? []).join(" ")}]`]);
    ctx.out(writer.flush());
    return 0;
  },
};
