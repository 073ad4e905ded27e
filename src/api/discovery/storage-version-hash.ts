// storageVersionHash of legacy discovery: base64 of the first 8 bytes of
// sha256("<group>/<version>/<kind>") for the storage version, as kube-apiserver computes it.
import type { ResourceDef } from "../resource";
import { base64, sha256 } from "../../util/hash";

export function storageVersionHash(group: string, version: string, kind: string): string {
  return base64(sha256(`${group}/${version}/${kind}`).slice(0, 8));
}

export function resourceStorageVersionHash(res: ResourceDef): string | undefined {
  const storage = res.versions.find((v) => v.storage) ?? res.versions[0];
  return storage ? storageVersionHash(res.group, storage.version, res.kind) : undefined;
}
