// The store's hot statements, built once per Durable Object: drizzle would otherwise rebuild the SQL text
// of each query on every call, which costs more than SQLite takes to run it.
import { and, eq, sql } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { changes, objects } from "./schema";

const resource = sql.placeholder("resource");
const namespace = sql.placeholder("namespace");
const name = sql.placeholder("name");
const rv = sql.placeholder("rv");
const body = sql.placeholder("body");

export function storeStatements(db: DrizzleSqliteDODatabase<Record<string, unknown>>) {
  const byKey = and(eq(objects.resource, resource), eq(objects.namespace, namespace), eq(objects.name, name));
  return {
    listResource: db.select({ namespace: objects.namespace, name: objects.name, body: objects.body }).from(objects).where(eq(objects.resource, resource)).prepare(),
    getObject: db.select({ body: objects.body }).from(objects).where(byKey).prepare(),
    insertObject: db.insert(objects).values({ resource, namespace, name, uid: sql.placeholder("uid"), rv, body }).prepare(),
    // set() takes SQL, not bare placeholders
    updateObject: db.update(objects).set({ rv: sql`${rv}`, body: sql`${body}` }).where(byKey).prepare(),
    deleteObject: db.delete(objects).where(byKey).prepare(),
    insertChange: db.insert(changes).values({ rv, resource, namespace, name, type: sql.placeholder("type"), body }).prepare(),
  };
}

export type StoreStatements = ReturnType<typeof storeStatements>;
