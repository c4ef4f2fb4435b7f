// The store's reads. Each is one statement, so everything it returns comes from one snapshot: a list's items
// and its revision, a replay page and the compaction mark it is checked against.

/** This cluster's highest revision removed by compaction, or null; $1 is the cluster. */
const compactedMark = "(SELECT revision FROM cluster_compactions WHERE cluster = $1)";

export const GET_OBJECT = {
  name: "kubeclass_store_get",
  text: `SELECT body FROM cluster_objects
    WHERE cluster = $1 AND "group" = $2 AND resource = $3 AND namespace = $4 AND name = $5`,
};

/**
 * Many objects by key in one statement (read-batcher.ts): $1 a JSON array of {cluster, group, resource,
 * namespace, name}; one row per key found, with its position in the array (1-based). One JSON parameter, as in
 * WRITE_BATCH, so Postgres settles on one generic plan for every batch size.
 */
export const GET_OBJECTS = {
  name: "kubeclass_store_get_many",
  text: `SELECT k.ord, o.body
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (cluster text, "group" text, resource text, namespace text, name text))
      WITH ORDINALITY AS k(cluster, "group", resource, namespace, name, ord)
    JOIN cluster_objects o
      ON o.cluster = k.cluster AND o."group" = k."group" AND o.resource = k.resource AND o.namespace = k.namespace AND o.name = k.name`,
};

/**
 * Every object of several resources in several namespaces (batched listNamespace reads): $1 a JSON array of
 * {cluster, namespace, group, resource}; one row per object, with the position (1-based) of the entry it matched.
 */
export const LIST_NAMESPACES = {
  name: "kubeclass_store_list_namespaces",
  text: `SELECT k.ord, o.namespace, o.name, o.body
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (cluster text, namespace text, "group" text, resource text))
      WITH ORDINALITY AS k(cluster, namespace, "group", resource, ord)
    JOIN cluster_objects o
      ON o.cluster = k.cluster AND o."group" = k."group" AND o.resource = k.resource AND o.namespace = k.namespace`,
};

/** The newest revision of one cluster ($1), or of the whole store. */
export const CLUSTER_REVISION = {
  name: "kubeclass_store_cluster_revision",
  text: "SELECT coalesce(max(revision), 0)::text AS revision FROM cluster_changes WHERE cluster = $1",
};
export const STORE_REVISION = {
  name: "kubeclass_store_revision",
  text: "SELECT coalesce(max(revision), 0)::text AS revision FROM cluster_changes",
};

export type ListShape = { namespace: boolean; after: boolean; limit: boolean; bytewise: boolean };

/**
 * One page of a resource: $1 cluster, $2 group, $3 resource, then as the shape says: namespace, after
 * (namespace, name), limit. Every row carries the cluster's revision and compaction mark; the LEFT JOIN keeps
 * one row (with null columns) when the page is empty.
 *
 * Order: code points, as etcd sorts keys. When the database's collation already sorts that way (C, C.UTF-8)
 * the primary key serves the order directly; otherwise each comparison says COLLATE "C" and Postgres sorts.
 */
export function listStatement(shape: ListShape): { name: string; text: string } {
  const collate = shape.bytewise ? "" : ' COLLATE "C"';
  const conditions = ["cluster = $1", `"group" = $2`, "resource = $3"];
  let next = 4;
  if (shape.namespace) conditions.push(`namespace = $${next++}`);
  if (shape.after) conditions.push(`(namespace${collate}, name${collate}) > ($${next++}::text, $${next++}::text)`);
  const limit = shape.limit ? `LIMIT $${next++}` : "";
  const variant = Object.entries(shape)
    .filter(([, on]) => on)
    .map(([key]) => key[0])
    .join("");
  return {
    name: `kubeclass_store_list_${variant || "all"}`,
    text: `SELECT m.revision::text AS revision, m.compacted::text AS compacted, o.namespace, o.name, o.body
    FROM (SELECT coalesce(max(revision), 0) AS revision, ${compactedMark} AS compacted
          FROM cluster_changes WHERE cluster = $1) m
    LEFT JOIN LATERAL (
      SELECT namespace, name, body FROM cluster_objects
      WHERE ${conditions.join(" AND ")}
      ORDER BY namespace${collate}, name${collate} ${limit}
    ) o ON true`,
  };
}

/**
 * Up to $5 changes of one resource after revision $4 ($1 cluster, $2 group, $3 resource; then namespace and
 * name if filtered), with the cluster's compaction mark; one row with null columns when there are none.
 */
export function replayStatement(filter: { namespace: boolean; name: boolean }): { name: string; text: string } {
  const conditions = ["cluster = $1", `"group" = $2`, "resource = $3", "revision > $4"];
  let next = 6;
  if (filter.namespace) conditions.push(`namespace = $${next++}`);
  if (filter.name) conditions.push(`name = $${next++}`);
  return {
    name: `kubeclass_store_replay_${filter.namespace ? "n" : ""}${filter.name ? "m" : ""}`,
    text: `SELECT m.compacted::text AS compacted, c.revision::text AS revision, c.type, c.object
    FROM (SELECT ${compactedMark} AS compacted) m
    LEFT JOIN LATERAL (
      SELECT revision, type, object FROM cluster_changes
      WHERE ${conditions.join(" AND ")}
      ORDER BY revision LIMIT $5
    ) c ON true`,
  };
}

/**
 * The change feed's one query for all the clusters it follows: $1 clusters, $2 their cursors, $3 the most
 * changes to take per cluster, $4 the watched resources as "group/resource". Every cluster gets at least one
 * row (its compaction mark), changes in revision order within it. Changes of resources nobody watches come
 * without their object: the feed only needs their revision to move past them, and skipping the body spares
 * Postgres sending it and Node parsing it (every write NOTIFYs, watched or not).
 */
export const FEED_CHANGES = {
  name: "kubeclass_store_feed",
  text: `SELECT t.cluster, k.revision::text AS compacted, c.revision::text AS revision,
      c."group", c.resource, c.namespace, c.name, c.type, c.object
    FROM unnest($1::text[], $2::bigint[]) AS t(cluster, cursor)
    LEFT JOIN cluster_compactions k ON k.cluster = t.cluster
    LEFT JOIN LATERAL (
      SELECT revision, "group", resource, namespace, name, type,
        CASE WHEN ("group" || '/' || resource) = ANY($4::text[]) THEN object END AS object
      FROM cluster_changes x
      WHERE x.cluster = t.cluster AND x.revision > t.cursor
      ORDER BY x.revision LIMIT $3
    ) c ON true
    ORDER BY t.cluster, c.revision`,
};

/** Whether the database's default collation orders text by code point; $1 is a sample in code-point order. */
export const COLLATION_PROBE = {
  name: "kubeclass_store_collation_probe",
  text: "SELECT array_agg(v ORDER BY v) AS sorted FROM unnest($1::text[]) AS v",
};
