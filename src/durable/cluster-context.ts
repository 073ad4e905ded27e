// What the Kubernetes API handlers need from the cluster's Durable Object.
import type { KubeObject } from "../api/kinds";
import type { ObjectStore } from "../store/object-store";
import type { WatchHub } from "../store/watch-hub";
import type { KubeContext } from "../routes/kube/resources";
import type { ResourceRequest } from "../routes/kube/request-info";
import type { NetsimService } from "../routes/netsim/types";

export interface ClusterContext {
  store: ObjectStore;
  hub: WatchHub;
  /** the cluster clock, ms */
  now(): number;
  /** whole seconds the cluster clock runs ahead of the wall clock (served timestamps are moved back by it) */
  aheadSeconds(): number;
  /** run a write and then let controllers react to it */
  write<T>(fn: () => T): T;
  /** pods/binding and the bindings resource */
  bind(c: KubeContext, req: ResourceRequest, body?: KubeObject): Promise<Response>;
  /** lets simulated components catch up before a read (kubelets renew their node leases lazily) */
  beforeRead(resource: string): void;
  /** log, exec, attach, proxy, eviction and other non-CRUD subresources */
  subresource(c: KubeContext, req: ResourceRequest): Promise<Response>;
  /** the simulated network's HTTP API (/netsim) */
  network?: NetsimService;
}
