// SQLite tables of one cluster's Durable Object.
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Every stored Kubernetes object, as JSON, keyed by resource ("<group>/<plural>"), namespace ("" when cluster-scoped) and name. */
export const objects = sqliteTable(
  "objects",
  {
    resource: text("resource").notNull(),
    namespace: text("namespace").notNull(),
    name: text("name").notNull(),
    uid: text("uid").notNull(),
    rv: integer("rv").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.resource, t.namespace, t.name] }), index("objects_uid").on(t.uid)],
);

/** The change log that watches replay from: one row per write, trimmed to a window. */
export const changes = sqliteTable(
  "changes",
  {
    rv: integer("rv").primaryKey(),
    resource: text("resource").notNull(),
    namespace: text("namespace").notNull(),
    name: text("name").notNull(),
    type: text("type").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("changes_resource").on(t.resource, t.rv)],
);

/** Small cluster-wide values: resourceVersion counter, identity, token hash, clock offset. */
export const kv = sqliteTable("kv", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** The persisted timer queue multiplexed over the Durable Object's single alarm. */
export const timers = sqliteTable(
  "timers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    due: integer("due").notNull(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
  },
  (t) => [uniqueIndex("timers_kind_key").on(t.kind, t.key), index("timers_due").on(t.due)],
);

/** Simulation state that is not a Kubernetes object (container processes, filesystems, image caches). */
export const simState = sqliteTable("sim_state", {
  key: text("key").primaryKey(),
  body: text("body").notNull(),
});
