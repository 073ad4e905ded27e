// Simulated external provisioner: a PV `pvc-<claim uid>` sized and moded like the claim.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from "../../api/kinds";

export const PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

export function provisionVolume(pvc: PersistentVolumeClaim, sc: StorageClass): PersistentVolume {
  const name = `pvc-${pvc.metadata.uid}`;
  const ns = pvc.metadata.namespace ?? "default";
  const isNfs = /nfs/i.test(sc.provisioner);
  const source: NonNullable<PersistentVolume["spec"]> = isNfs
    ? { nfs: { server: sc.parameters?.server ?? "nfs-server", path: `${sc.parameters?.path ?? "/data/nfs"}/${ns}-${pvc.metadata.name}-${name}` } }
    : { hostPath: { path: `/var/lib/k8s-sandbox/volumes/${name}`, type: "DirectoryOrCreate" } };
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, annotations: { [PROVISIONED_BY]: sc.provisioner } },
    spec: {
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? "1Gi" },
      accessModes: [...(pvc.spec?.accessModes ?? ["ReadWriteOnce"])],
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? "Delete",
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec?.volumeMode ?? "Filesystem",
      mountOptions: sc.mountOptions,
      claimRef: { kind: "PersistentVolumeClaim", apiVersion: "v1", namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
      ...source,
    },
  };
}
