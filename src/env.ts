import type { ClusterObject } from "./durable/cluster-object";
import type { RegistryObject } from "./durable/registry-object";

export interface Env {
  CLUSTER: DurableObjectNamespace<ClusterObject>;
  REGISTRY: DurableObjectNamespace<RegistryObject>;
  /** secret in production; local dev falls back to `dev-admin-token` when ALLOW_DEV_ADMIN_TOKEN is "true" */
  ADMIN_TOKEN?: string;
  ALLOW_DEV_ADMIN_TOKEN?: string;
  /** maximum stored objects per cluster */
  OBJECT_QUOTA?: string;
  DEFAULT_TTL_SECONDS?: string;
  /** per-cluster request rate (token bucket refill per second, and its size) */
  RATE_LIMIT_RPS?: string;
  RATE_LIMIT_BURST?: string;
}

export type AppEnv = { Bindings: Env; Variables: { clusterId: string } };
