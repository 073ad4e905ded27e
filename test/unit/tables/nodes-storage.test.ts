import { describe, expect, it } from "vitest";
import type { Lease, Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from "../../../src/api/kinds";
import { leaseTable, nodeTable } from "../../../src/api/tables/nodes";
import { persistentVolumeClaimTable, persistentVolumeTable, storageClassTable } from "../../../src/api/tables/storage";
import { ago, ctx } from "./helpers";

function node(name: string, ready: "True" | "False" | "Unknown" | undefined, labels: Record<string, string> = {}, unschedulable = false): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels, creationTimestamp: ago(12 * 86400) },
    spec: { unschedulable },
    status: {
      conditions: ready ? [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: ready }] : [],
      addresses: [
        { type: "InternalIP", address: "172.18.0.2" },
        { type: "Hostname", address: name },
      ],
      nodeInfo: {
        kubeletVersion: "v1.31.4",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        kernelVersion: "6.8.0-1019",
        containerRuntimeVersion: "containerd://1.7.24",
        architecture: "amd64",
        bootID: "",
        kubeProxyVersion: "",
        machineID: "",
        operatingSystem: "linux",
        systemUUID: "",
      },
    },
  };
}

describe("Node", () => {
  it("renders a control-plane node, wide columns included", () => {
    const n = node("kind-control-plane", "True", { "node-role.kubernetes.io/control-plane": "", "kubernetes.io/hostname": "kind-control-plane" });
    expect(nodeTable.cells(n, ctx)).toEqual([
      "kind-control-plane",
      "Ready",
      "control-plane",
      "12d",
      "v1.31.4",
      "172.18.0.2",
      "<none>",
      "Debian GNU/Linux 12 (bookworm)",
      "6.8.0-1019",
      "containerd://1.7.24",
    ]);
  });

  it("STATUS variants", () => {
    expect(nodeTable.cells(node("n", "True", {}, true), ctx)[1]).toBe("Ready,SchedulingDisabled");
    expect(nodeTable.cells(node("n", "False"), ctx)[1]).toBe("NotReady");
    expect(nodeTable.cells(node("n", "Unknown"), ctx)[1]).toBe("NotReady");
    expect(nodeTable.cells(node("n", undefined, {}, true), ctx)[1]).toBe("Unknown,SchedulingDisabled");
  });

  it("ROLES from both label styles, sorted, <none> otherwise", () => {
    const n = node("n", "True", { "node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/infra": "true", "kubernetes.io/role": "edge" });
    expect(nodeTable.cells(n, ctx)[2]).toBe("edge,infra,worker");
    expect(nodeTable.cells(node("n", "True", { "node-role.kubernetes.io/": "" }), ctx)[2]).toBe("<none>");
  });

  it("prints <unknown> for missing node info", () => {
    const bare: Node = { apiVersion: "v1", kind: "Node", metadata: { name: "bare", creationTimestamp: ago(5) } };
    expect(nodeTable.cells(bare, ctx)).toEqual(["bare", "Unknown", "<none>", "5s", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"]);
  });
});

describe("Lease", () => {
  it("HOLDER", () => {
    const l: Lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "node-1", namespace: "kube-node-lease", creationTimestamp: ago(3600) },
      spec: { holderIdentity: "node-1", leaseDurationSeconds: 40, renewTime: "2026-01-15T11:59:52.388000Z" },
    };
    expect(leaseTable.cells(l, ctx)).toEqual(["node-1", "node-1", "60m"]);
    expect(leaseTable.cells({ ...l, spec: {} }, ctx)[1]).toBe("");
  });
});

describe("PersistentVolume", () => {
  const pv: PersistentVolume = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "pv-data", creationTimestamp: ago(600) },
    spec: {
      capacity: { storage: "1024Mi" },
      accessModes: ["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce"],
      persistentVolumeReclaimPolicy: "Retain",
      storageClassName: "manual",
      claimRef: { namespace: "default", name: "data-claim" },
      volumeMode: "Filesystem",
      hostPath: { path: "/mnt/data" },
    },
    status: { phase: "Bound" },
  };

  it("has the 1.31 column set", () => {
    expect(persistentVolumeTable.columns.map((c) => c.name)).toEqual([
      "Name",
      "Capacity",
      "Access Modes",
      "Reclaim Policy",
      "Status",
      "Claim",
      "StorageClass",
      "VolumeAttributesClass",
      "Reason",
      "Age",
      "VolumeMode",
    ]);
  });

  it("renders a bound volume", () => {
    expect(persistentVolumeTable.cells(pv, ctx)).toEqual([
      "pv-data",
      "1Gi",
      "RWO,RWX",
      "Retain",
      "Bound",
      "default/data-claim",
      "manual",
      "<unset>",
      "",
      "10m",
      "Filesystem",
    ]);
  });

  it("Terminating, the beta class annotation, a VolumeAttributesClass", () => {
    const deleting: PersistentVolume = {
      ...pv,
      metadata: { ...pv.metadata, deletionTimestamp: ago(1), annotations: { "volume.beta.kubernetes.io/storage-class": "old" } },
      spec: { ...pv.spec, claimRef: undefined, volumeAttributesClassName: "gold", volumeMode: undefined },
      status: { phase: "Released", reason: "Gone" },
    };
    expect(persistentVolumeTable.cells(deleting, ctx)).toEqual(["pv-data", "1Gi", "RWO,RWX", "Retain", "Terminating", "", "old", "gold", "Gone", "10m", "<unset>"]);
  });
});

describe("PersistentVolumeClaim", () => {
  const pvc: PersistentVolumeClaim = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data-claim", namespace: "default", creationTimestamp: ago(300) },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "500Mi" } }, storageClassName: "standard", volumeMode: "Filesystem" },
    status: { phase: "Pending" },
  };

  it("Pending claims show no capacity or access modes", () => {
    expect(persistentVolumeClaimTable.cells(pvc, ctx)).toEqual(["data-claim", "Pending", "", "", "", "standard", "<unset>", "5m", "Filesystem"]);
  });

  it("Bound claims show the volume's capacity", () => {
    const bound: PersistentVolumeClaim = {
      ...pvc,
      spec: { ...pvc.spec, volumeName: "pvc-1234" },
      status: { phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] },
    };
    expect(persistentVolumeClaimTable.cells(bound, ctx)).toEqual(["data-claim", "Bound", "pvc-1234", "1Gi", "RWO", "standard", "<unset>", "5m", "Filesystem"]);
  });
});

describe("StorageClass", () => {
  it("marks the default class and fills defaults", () => {
    const sc: StorageClass = {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "standard", creationTimestamp: ago(86400 * 30), annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "rancher.io/local-path",
      volumeBindingMode: "WaitForFirstConsumer",
    };
    expect(storageClassTable.cells(sc, ctx)).toEqual(["standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", false, "30d"]);
    const plain: StorageClass = { ...sc, metadata: { name: "fast", creationTimestamp: ago(60) }, reclaimPolicy: "Retain", volumeBindingMode: undefined, allowVolumeExpansion: true };
    expect(storageClassTable.cells(plain, ctx)).toEqual(["fast", "rancher.io/local-path", "Retain", "Immediate", true, "60s"]);
  });
});
