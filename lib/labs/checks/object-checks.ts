// objectExists and absent: an object by kind and name, its fields, labels and images.
import type { z } from "zod";
import type { absentCheck, objectExistsCheck } from "../check-schema";
import { deepEqual, readObjectPath, show } from "../object-path";
import { imagesOf } from "./kube-helpers";
import { fail, pass, type CheckEvaluator } from "./types";

export const evaluateObjectExists: CheckEvaluator<z.output<typeof objectExistsCheck>> = async (check, ctx) => {
  const what = `${check.kind} ${check.name}`;
  const obj = await ctx.find(check.kind, check.name, check.apiVersion);
  if (!obj) return fail(`${what} not found; the step wants it to exist`);
  for (const [path, want] of Object.entries(check.fields ?? {})) {
    const got = readObjectPath(obj, path);
    if (!deepEqual(got, want)) return fail(`${what} has ${path} = ${show(got)}; the step wants ${show(want)}`);
  }
  const labels = obj.metadata?.labels ?? {};
  for (const [key, want] of Object.entries(check.labels ?? {})) {
    const got = labels[key];
    if (got === undefined) return fail(`${what} has no label ${key}; the step wants ${key}=${want}`);
    if (got !== want) return fail(`${what} has label ${key}=${got}; the step wants ${key}=${want}`);
  }
  const images = imagesOf(obj);
  for (const want of check.images ?? []) {
    if (!images.includes(want))
      return fail(`${what} runs ${images.length ? `image ${images.join(", ")}` : "no images"}; the step wants ${want}`);
  }
  return pass(`${what} exists as the step wants`);
};

export const evaluateAbsent: CheckEvaluator<z.output<typeof absentCheck>> = async (check, ctx) => {
  const what = `${check.kind} ${check.name}`;
  const obj = await ctx.find(check.kind, check.name, check.apiVersion);
  return obj ? fail(`${what} still exists; the step wants it gone`) : pass(`${what} is gone`);
};
