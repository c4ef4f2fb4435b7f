// The esbuild options every Node bundle of ours uses (dist/ for production, bench/.build/ for benchmarks), so a
// benchmark measures the code the way it ships: no tsx loader hooks, no keepNames wrappers.
export const nodeBundleOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
};
