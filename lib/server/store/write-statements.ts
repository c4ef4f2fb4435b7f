// The store's writes, each ONE statement and so one round trip and one (implicit) transaction. Every write:
//   1. turns off synchronous_commit for its own transaction (set_config(..., true) is SET LOCAL),
//   2. takes the cluster's advisory lock, held until commit, and only then
//   3. draws its revision from the change log's sequence,
//   4. writes the object row and the change row (resource_version = body.metadata.resourceVersion = revision),
//   5. NOTIFYs the change feed with "<revision>:<cluster>" (delivered on commit, dropped on rollback).
// Step 3 after step 2 is what makes one cluster's changes commit in revision order: a reader that has seen
// revision N of a cluster can never later see a lower one of the same cluster appear.
//
// Parameters shared by all three: $1 cluster, $2 group, $3 resource, $4 namespace, $5 name,
// $6 synchronous_commit ('on' | 'off'), $7 the time to stamp.

export const CHANGES_CHANNEL = "kubeclass_changes";
export const REVISION_SEQUENCE = "cluster_changes_revision_seq";
/** The advisory-lock class for cluster write locks ("kube"); the second key is hashtext(cluster). */
export const CLUSTER_LOCK_CLASS = 0x6b756265;

const prologue = `
  lk AS (SELECT set_config('synchronous_commit', $6, true), pg_advisory_xact_lock(${CLUSTER_LOCK_CLASS}, hashtext($1))),
  rev AS (SELECT nextval('${REVISION_SEQUENCE}') AS r FROM lk)`;

const isKey = (alias: string) =>
  `${alias}.cluster = $1 AND ${alias}."group" = $2 AND ${alias}.resource = $3 AND ${alias}.namespace = $4 AND ${alias}.name = $5`;

const logChange = (type: "ADDED" | "MODIFIED" | "DELETED") => `
  chg AS (
    INSERT INTO cluster_changes (revision, cluster, "group", resource, namespace, name, type, object, created_at)
    SELECT revision, $1, $2, $3, $4, $5, '${type}', body, $7 FROM obj
    RETURNING revision
  ),
  ntf AS (SELECT pg_notify('${CHANGES_CHANNEL}', revision || ':' || $1) FROM chg)`;

/** The stored row's resource_version, read in the statement's snapshot: tells Conflict from NotFound. */
const currentVersion = `(SELECT o.resource_version::text FROM cluster_objects o WHERE ${isKey("o")}) AS current`;

/** $8 uid, $9 body (JSON text). Returns one row: revision (null when the key was taken). */
export const CREATE_OBJECT = {
  name: "kubeclass_store_create",
  text: `WITH ${prologue},
  obj AS (
    INSERT INTO cluster_objects (cluster, "group", resource, namespace, name, uid, resource_version, body, created_at)
    SELECT $1, $2, $3, $4, $5, $8, rev.r, jsonb_set($9::jsonb, '{metadata,resourceVersion}', to_jsonb(rev.r::text)), $7
    FROM rev
    ON CONFLICT DO NOTHING
    RETURNING resource_version AS revision, body
  ),${logChange("ADDED")}
  SELECT (SELECT revision::text FROM chg) AS revision, (SELECT count(*) FROM ntf) AS notified`,
};

/** $8 uid, $9 body (JSON text), $10 expected resourceVersion or null. Returns revision (null if not written), current. */
export const UPDATE_OBJECT = {
  name: "kubeclass_store_update",
  text: `WITH ${prologue},
  obj AS (
    UPDATE cluster_objects o
    SET uid = $8, resource_version = rev.r, body = jsonb_set($9::jsonb, '{metadata,resourceVersion}', to_jsonb(rev.r::text))
    FROM rev
    WHERE ${isKey("o")} AND ($10::text IS NULL OR o.resource_version::text = $10)
    RETURNING o.resource_version AS revision, o.body
  ),${logChange("MODIFIED")}
  SELECT (SELECT revision::text FROM chg) AS revision, (SELECT count(*) FROM ntf) AS notified, ${currentVersion}`,
};

/** $8 expected resourceVersion or null. Returns revision and body (null if not deleted), current. */
export const DELETE_OBJECT = {
  name: "kubeclass_store_delete",
  text: `WITH ${prologue},
  obj AS (
    DELETE FROM cluster_objects o
    USING rev
    WHERE ${isKey("o")} AND ($8::text IS NULL OR o.resource_version::text = $8)
    RETURNING rev.r AS revision, jsonb_set(o.body, '{metadata,resourceVersion}', to_jsonb(rev.r::text)) AS body
  ),${logChange("DELETED")}
  SELECT (SELECT revision::text FROM chg) AS revision, (SELECT body FROM obj) AS body,
    (SELECT count(*) FROM ntf) AS notified, ${currentVersion}`,
};
