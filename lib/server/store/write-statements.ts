// The store's writes: one statement for any number of one cluster's writes (creates, updates and deletes of
// distinct keys), so one round trip, one transaction, one take of the cluster lock and one NOTIFY serve them
// all (write-batcher.ts gathers them: group commit). Each write still succeeds or fails alone, and each gets its
// own revision, in the order given:
//   1. synchronous_commit off for this transaction (set_config(..., true) is SET LOCAL), and the cluster's
//      advisory lock, held until commit; only then
//   2. `w`: the writes, one row each in input order, each drawing its revision from the change log's sequence
//      (a write that then fails leaves a gap, which the contract allows);
//   3. creates insert with ON CONFLICT DO NOTHING; updates and deletes match the key and, when given, the
//      expected resource_version; each returns only the rows it wrote (resource_version = body's = revision);
//   4. the change log gets one row per write that happened, and one NOTIFY names the highest revision
//      ("<revision>:<cluster>", delivered on commit, dropped on rollback);
//   5. one result row per write, in input order: its revision (null if it did not happen), a deleted object's
//      last state, and the key's resource_version before the statement (tells Conflict from NotFound).
// Drawing revisions only under the lock is what makes one cluster's changes commit in revision order: a reader
// that has seen revision N of a cluster can never later see a lower one of the same cluster appear.
// Keys must be distinct within a batch: data-modifying CTEs do not see each other's rows.
//
// $1 cluster, $2 synchronous_commit ('on' | 'off'), $3 the time to stamp, $4 the writes: a JSON array of
// {op: "create" | "update" | "delete", group, resource, namespace, name, uid, body (the object; null for
// deletes), expected (resourceVersion, or null: unconditional)}. One JSON parameter rather than an array per
// field: Postgres cannot see its length when planning, so after a few executions it settles on one generic
// plan instead of planning this statement afresh (about 0.4 ms) for every batch size.

export const CHANGES_CHANNEL = "kubeclass_changes";
export const REVISION_SEQUENCE = "cluster_changes_revision_seq";
/** The advisory-lock class for cluster write locks ("kube"); the second key is hashtext(cluster). */
export const CLUSTER_LOCK_CLASS = 0x6b756265;

const sameKey = (alias: string) =>
  `${alias}.cluster = $1 AND ${alias}."group" = w."group" AND ${alias}.resource = w.resource AND ${alias}.namespace = w.namespace AND ${alias}.name = w.name`;

const stamped = (body: string) => `jsonb_set(${body}, '{metadata,resourceVersion}', to_jsonb(w.r::text))`;

export const WRITE_BATCH = {
  name: "kubeclass_store_write_batch",
  text: `WITH lk AS (SELECT set_config('synchronous_commit', $2, true), pg_advisory_xact_lock(${CLUSTER_LOCK_CLASS}, hashtext($1))),
  w AS (
    SELECT u.*, nextval('${REVISION_SEQUENCE}') AS r
    FROM (
      SELECT i.* FROM lk,
        ROWS FROM (jsonb_to_recordset($4::jsonb) AS (op text, "group" text, resource text, namespace text, name text, uid text, body jsonb, expected text))
        WITH ORDINALITY AS i(op, "group", resource, namespace, name, uid, body, expected, ord)
      ORDER BY i.ord
    ) u
  ),
  ins AS (
    INSERT INTO cluster_objects (cluster, "group", resource, namespace, name, uid, resource_version, body, created_at)
    SELECT $1, w."group", w.resource, w.namespace, w.name, w.uid, w.r, ${stamped("w.body")}, $3
    FROM w WHERE w.op = 'create'
    ON CONFLICT DO NOTHING
    RETURNING resource_version AS r, "group", resource, namespace, name, body
  ),
  upd AS (
    UPDATE cluster_objects o
    SET uid = w.uid, resource_version = w.r, body = ${stamped("w.body")}
    FROM w
    WHERE w.op = 'update' AND ${sameKey("o")} AND (w.expected IS NULL OR o.resource_version::text = w.expected)
    RETURNING o.resource_version AS r, o."group", o.resource, o.namespace, o.name, o.body
  ),
  del AS (
    DELETE FROM cluster_objects o
    USING w
    WHERE w.op = 'delete' AND ${sameKey("o")} AND (w.expected IS NULL OR o.resource_version::text = w.expected)
    RETURNING w.r, o."group", o.resource, o.namespace, o.name, ${stamped("o.body")} AS body
  ),
  done AS (
    SELECT *, 'ADDED'::"ClusterChangeType" AS type FROM ins
    UNION ALL SELECT *, 'MODIFIED'::"ClusterChangeType" FROM upd
    UNION ALL SELECT *, 'DELETED'::"ClusterChangeType" FROM del
  ),
  chg AS (
    INSERT INTO cluster_changes (revision, cluster, "group", resource, namespace, name, type, object, created_at)
    SELECT r, $1, "group", resource, namespace, name, type, body, $3 FROM done
    RETURNING revision
  ),
  ntf AS (SELECT pg_notify('${CHANGES_CHANNEL}', max(revision)::text || ':' || $1) FROM chg HAVING count(*) > 0)
  SELECT d.r::text AS revision,
    CASE WHEN w.op = 'delete' THEN d.body END AS body,
    CASE WHEN w.op <> 'create' THEN (SELECT o.resource_version::text FROM cluster_objects o WHERE ${sameKey("o")}) END AS current,
    (SELECT count(*) FROM ntf) AS notified
  FROM w LEFT JOIN done d ON d.r = w.r
  ORDER BY w.ord`,
};
