// The node's containerd as crictl lists it, read from the kubelet's state of the pods bound to the node.
import type { Pod } from "../api/kinds";
import { readLogs } from "../sim/kubelet";
import type { NodeImages, PodSimState } from "../sim/kubelet/types";
import type { RuntimeContainer, RuntimeSandbox, RuntimeView } from "../sim/node/runtime-view";
import { pseudoDigest } from "../sim/random";
import type { ObjectStore } from "../store/object-store";
import type { KubeletHost } from "./kubelet-host";
import type { SimStore } from "./sim-store";

export interface NodeRuntimeDeps {
  store: ObjectStore;
  sim: SimStore;
  kubelet: KubeletHost;
}

/** the sandbox image kubeadm pre-pulls on every node (v1.31) */
const PAUSE = { ref: "registry.k8s.io/pause:3.10", id: "sha256:873ed75102791e5b0b8a7fcd41606c92fcec98d56d05ead4ac5131650004c136", size: 320_368 };

const hex = (id: string): string => id.replace(/^[a-z]+:\/\//, "").replace(/^sha256:/, "");

export function nodeRuntime(d: NodeRuntimeDeps, node: string): RuntimeView {
  const images = d.sim.get<NodeImages>(`images:${node}`) ?? { images: {} };
  const containers: RuntimeContainer[] = [];
  const sandboxes: RuntimeSandbox[] = [];
  const logReaders = new Map<string, (opts: { tail?: number; timestamps?: boolean }) => string>();
  for (const pod of d.store.list<Pod>("/pods")) {
    if (pod.spec?.nodeName !== node) continue;
    const uid = pod.metadata.uid ?? "";
    const st: PodSimState | undefined = d.kubelet.record(uid)?.state;
    if (!st) continue;
    const podName = pod.metadata.name ?? "";
    const namespace = pod.metadata.namespace ?? "default";
    const podId = pseudoDigest(`sandbox:${uid}`);
    const createdAt = st.sandboxReadyAt ?? st.createdAt;
    sandboxes.push({ id: podId, createdAt, state: st.terminal || st.deletion ? "NotReady" : "Ready", name: podName, namespace, uid, attempt: 0 });
    const source = d.kubelet.logSource(uid);
    for (const c of st.containers) {
      const imageId = hex(images.images[c.imageFull ?? ""]?.id ?? pseudoDigest(`image:${c.image}`));
      const base = { imageId, image: c.imageFull ?? c.image, name: c.name, podId, podName, namespace };
      const reader = (previous: boolean) => (opts: { tail?: number; timestamps?: boolean }) => {
        const r = readLogs(st, podName, c.name, { previous, tailLines: opts.tail, timestamps: opts.timestamps }, source);
        return r.ok ? r.text : "";
      };
      if (c.lastTerminated) {
        const t = c.lastTerminated;
        const id = hex(t.containerID);
        containers.push({ ...base, id, createdAt: t.startedAt, state: "Exited", attempt: Math.max(0, c.restartCount - 1), exitCode: t.exitCode, startedAt: t.startedAt, finishedAt: t.finishedAt });
        logReaders.set(id, reader(true));
      }
      if (!c.containerID) continue;
      const id = hex(c.containerID);
      if (c.phase === "running") {
        containers.push({ ...base, id, createdAt: c.startedAt ?? createdAt, state: "Running", attempt: c.restartCount, startedAt: c.startedAt });
      } else if (c.terminated && hex(c.terminated.containerID) === id) {
        containers.push({ ...base, id, createdAt: c.terminated.startedAt, state: "Exited", attempt: c.restartCount, exitCode: c.terminated.exitCode, startedAt: c.terminated.startedAt, finishedAt: c.terminated.finishedAt });
      } else continue;
      logReaders.set(id, reader(false));
    }
  }
  const imageList = [PAUSE, ...Object.entries(images.images).map(([ref, img]) => ({ ref, id: img.id, size: img.size }))];
  return {
    containers,
    sandboxes,
    images: imageList,
    logs: (id, opts) => logReaders.get(id)?.(opts),
  };
}
