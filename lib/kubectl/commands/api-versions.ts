import type { Command } from "../command";

export const apiVersionsCommand: Command = {
  name: "api-versions",
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  usage: "kubectl api-versions",
  async run(ctx) {
    const versions: string[] = [];
    for (const group of await ctx.discovery.groups()) {
      for (const version of group.versions) versions.push(group.name ? `${group.name}/${version}` : version);
    }
    for (const gv of versions.sort()) ctx.out(`${gv}\n`);
    return 0;
  },
};
