import type { Command } from "../../command";

export const getClustersCommand: Command = {
  name: "get-clusters",
  short: "Display clusters defined in the kubeconfig",
  usage: "kubectl config get-clusters [options]",
  run(ctx) {
    ctx.out(["NAME", ...ctx.kubeconfig.clusters.map((c) => c.name)].map((l) => `${l}\n`).join(""));
    return 0;
  },
};

export const getUsersCommand: Command = {
  name: "get-users",
  short: "Display users defined in the kubeconfig",
  usage: "kubectl config get-users [options]",
  run(ctx) {
    ctx.out(["NAME", ...ctx.kubeconfig.users.map((u) => u.name)].map((l) => `${l}\n`).join(""));
    return 0;
  },
};
