import type { Obj } from "./writer";

/**
 * What describers read besides the object itself (its events, the pods behind a controller, the EndpointSlices
 * of a Service…), as kubectl's describers list them from the API. Failures read as empty lists, as kubectl
 * ignores them too.
 */
export type DescribeSource = {
  list(request: { group: string; version: string; resource: string; namespace?: string; labelSelector?: string; fieldSelector?: string }): Promise<Obj[]>;
  get(request: { group: string; version: string; resource: string; namespace?: string; name: string }): Promise<Obj | undefined>;
};

export type DescribeOptions = { showEvents: boolean; now: Date };

/** A describer: the object as fetched, plus whatever else it reads through the source. */
export type Describer = (object: Obj, source: DescribeSource, options: DescribeOptions) => Promise<string>;
