// Runs what falls due on the cluster clock: controller reconciles, the scheduler, simulated kubelets
// and the cluster's own expiry. Driven by the timer queue, so it survives restarts.
import type { KubeObject, Pod } from "../api/kinds";
import { resourceByKey } from "../api/registry";
import { ApiError, badRequest, conflict, notFound } from "../api/status";
import type { Change } from "../store/types";
import type { KubeContext } from "../routes/kube/resources";
import { respond } from "../routes/kube/resources";
import type { ResourceRequest } from "../routes/kube/request-info";
import type { ClusterObject } from "./cluster-object";

/** timer executions per call before yielding to the alarm */
const BUDGET = 5000;

export interface RuntimeHost {
  readonly store: ClusterObject["store"];
  readonly clock: ClusterObject["clock"];
  readonly timers: ClusterObject["timers"];
}

export class Runtime {
  private running = false;

  constructor(private readonly host: RuntimeHost) {}

  onChange(_change: Change): void {
    // controllers subscribe here (see reconcile/)
  }

  afterWrite(): void {
    if (this.running) return;
    this.runDue(this.host.clock.now());
  }

  /** run timers due up to `target` in order, moving the clock to each; true when the cluster expired */
  runDue(target: number): boolean {
    if (this.running) return false;
    this.running = true;
    try {
      for (let i = 0; i < BUDGET; i++) {
        const t = this.host.timers.popDue(target);
        if (!t) break;
        if (t.due > this.host.clock.now()) this.host.clock.setNow(t.due);
        if (t.kind === "expire") return true;
        this.runTimer(t.kind, t.key);
      }
      return false;
    } finally {
      this.running = false;
    }
  }

  private runTimer(_kind: string, _key: string): void {
    // reconcilers are registered by kind in reconcile/
  }

  /** pods/binding: assign a pending pod to a node, once */
  async bind(c: KubeContext, req: ResourceRequest, body?: KubeObject): Promise<Response> {
    const binding = body ?? ((await c.req.json().catch(() => undefined)) as KubeObject | undefined);
    const target = (binding as { target?: { kind?: string; name?: string } } | undefined)?.target;
    if (!target?.name) throw badRequest("Binding target is required");
    const def = resourceByKey("/pods");
    if (!def) throw notFound("", "pods", req.name ?? "");
    const pod = this.host.store.get<Pod>("/pods", req.namespace, req.name ?? "");
    if (!pod) throw notFound("", "pods", req.name ?? "");
    if (pod.spec?.nodeName) {
      throw conflict("", "pods", pod.metadata.name ?? "", `pod ${pod.metadata.name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    if (!this.host.store.get("/nodes", undefined, target.name)) throw new ApiError(404, "NotFound", `nodes "${target.name}" not found`);
    const next = structuredClone(pod) as Pod;
    next.spec = { ...(next.spec ?? { containers: [] }), nodeName: target.name };
    this.host.store.update(def, next as KubeObject, {});
    this.afterWrite();
    return respond(c, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 }, 201);
  }

  async subresource(_c: KubeContext, req: ResourceRequest): Promise<Response> {
    throw notFound(req.def.group, `${req.def.plural}/${req.subresource}`, req.name ?? "");
  }
}
