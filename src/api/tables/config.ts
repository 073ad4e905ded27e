// ConfigMap, Secret and ServiceAccount printers.
import type { TableConvertor } from "../resource";
import type { ConfigMap, ObjectMeta, Secret } from "../kinds";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn } from "./columns";
import { since } from "./human-duration";

export type ServiceAccount = Omit<IServiceAccount, "metadata"> & { metadata: ObjectMeta };

const keyCount = (m: Record<string, unknown> | undefined | null): number => Object.keys(m ?? {}).length;

export const configMapTable: TableConvertor<ConfigMap> = {
  columns: [nameColumn, col("Data", "string", doc["ConfigMap.data"]), ageColumn],
  cells(cm, ctx) {
    return [cm.metadata.name ?? "", keyCount(cm.data) + keyCount(cm.binaryData), since(cm.metadata.creationTimestamp, ctx.now)];
  },
};

export const secretTable: TableConvertor<Secret> = {
  columns: [nameColumn, col("Type", "string", doc["Secret.type"]), col("Data", "string", doc["Secret.data"]), ageColumn],
  cells(s, ctx) {
    // stringData is folded into data on write, but count it for objects that skipped that step
    const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
    return [s.metadata.name ?? "", s.type ?? "Opaque", keys.size, since(s.metadata.creationTimestamp, ctx.now)];
  },
};

export const serviceAccountTable: TableConvertor<ServiceAccount> = {
  columns: [nameColumn, col("Secrets", "string", doc["ServiceAccount.secrets"]), ageColumn],
  cells(sa, ctx) {
    return [sa.metadata.name ?? "", (sa.secrets ?? []).length, since(sa.metadata.creationTimestamp, ctx.now)];
  },
};
