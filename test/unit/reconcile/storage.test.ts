import { describe, expect, it } from "vitest";
import type { PersistentVolume, PersistentVolumeClaim } from "../../../src/api/kinds";
import { reconcilePersistentVolume, reconcilePersistentVolumeClaim } from "../../../src/reconcile/controllers/pv-binder";
import { FakeCluster } from "./helpers/fake-cluster";

function pvc(name: string, storageClassName: string | undefined, size = "1Gi"): PersistentVolumeClaim {
  return { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: size } } } };
}
function pv(name: string, size: string, storageClassName = "", modes: Array<"ReadWriteOnce" | "ReadWriteMany"> = ["ReadWriteOnce"]): PersistentVolume {
  return { apiVersion: "v1", kind: "PersistentVolume", metadata: { name }, spec: { capacity: { storage: size }, accessModes: modes, storageClassName, persistentVolumeReclaimPolicy: "Retain", hostPath: { path: `/data/${name}` } } };
}
const claimKey = (name: string) => ({ resource: "/persistentvolumeclaims", namespace: "default", name });

describe("persistent volume binding", () => {
  it("binds a claim to the smallest matching static volume", () => {
    const c = new FakeCluster();
    c.add("/persistentvolumes", pv("big", "10Gi"));
    c.add("/persistentvolumes", pv("small", "2Gi"));
    c.add("/persistentvolumes", pv("tiny", "500Mi"));
    c.add("/persistentvolumes", pv("rwx", "1Gi", "", ["ReadWriteMany"]));
    c.add("/persistentvolumeclaims", pvc("data", ""));
    c.run(reconcilePersistentVolumeClaim, claimKey("data"));
    const claim = c.get<PersistentVolumeClaim>("/persistentvolumeclaims", "default", "data")!;
    expect(claim.spec!.volumeName).toBe("small");
    expect(claim.status).toMatchObject({ phase: "Bound", capacity: { storage: "2Gi" } });
    expect(claim.metadata.annotations).toMatchObject({ "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes" });
    const vol = c.get<PersistentVolume>("/persistentvolumes", undefined, "small")!;
    expect(vol.spec!.claimRef).toMatchObject({ name: "data", namespace: "default", uid: claim.metadata.uid });
    expect(vol.status!.phase).toBe("Bound");
    // Retain: deleting the claim releases the volume
    c.remove("/persistentvolumeclaims", "default", "data");
    c.run(reconcilePersistentVolume, { resource: "/persistentvolumes", name: "small" });
    expect(c.get<PersistentVolume>("/persistentvolumes", undefined, "small")!.status!.phase).toBe("Released");
  });

  it("provisions pvc-<uid> for a class with a provisioner, then binds; Delete reclaims", () => {
    const c = new FakeCluster();
    c.add("storage.k8s.io/storageclasses", { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "nfs-client" }, provisioner: "k8s-sigs.io/nfs-subdir-external-provisioner", reclaimPolicy: "Delete", volumeBindingMode: "Immediate" });
    const claim = c.add("/persistentvolumeclaims", pvc("www-web-0", "nfs-client"));
    c.run(reconcilePersistentVolumeClaim, claimKey("www-web-0"));
    const vol = c.get<PersistentVolume>("/persistentvolumes", undefined, `pvc-${claim.metadata.uid}`)!;
    expect(vol.metadata.annotations!["pv.kubernetes.io/provisioned-by"]).toBe("k8s-sigs.io/nfs-subdir-external-provisioner");
    expect(vol.spec).toMatchObject({ storageClassName: "nfs-client", persistentVolumeReclaimPolicy: "Delete", capacity: { storage: "1Gi" } });
    expect(c.eventMessages("ProvisioningSucceeded")).toEqual([`Successfully provisioned volume pvc-${claim.metadata.uid}`]);
    c.run(reconcilePersistentVolumeClaim, claimKey("www-web-0"));
    expect(c.get<PersistentVolumeClaim>("/persistentvolumeclaims", "default", "www-web-0")!.status!.phase).toBe("Bound");
    c.remove("/persistentvolumeclaims", "default", "www-web-0");
    c.run(reconcilePersistentVolume, { resource: "/persistentvolumes", name: vol.metadata.name! });
    expect(c.list("/persistentvolumes")).toHaveLength(0);
  });

  it("WaitForFirstConsumer waits for the scheduler's selected node", () => {
    const c = new FakeCluster();
    c.add("storage.k8s.io/storageclasses", { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "local" }, provisioner: "rancher.io/local-path", volumeBindingMode: "WaitForFirstConsumer" });
    c.add("/persistentvolumeclaims", pvc("d", "local"));
    c.run(reconcilePersistentVolumeClaim, claimKey("d"));
    expect(c.list("/persistentvolumes")).toHaveLength(0);
    expect(c.eventMessages("WaitForFirstConsumer")).toEqual(["waiting for first consumer to be created before binding"]);
    const cl = c.get<PersistentVolumeClaim>("/persistentvolumeclaims", "default", "d")!;
    cl.metadata.annotations = { "volume.kubernetes.io/selected-node": "n1" };
    c.put("/persistentvolumeclaims", cl);
    c.run(reconcilePersistentVolumeClaim, claimKey("d"));
    expect(c.list("/persistentvolumes")).toHaveLength(1);
  });
});
