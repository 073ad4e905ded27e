// PersistentVolume controller (pkg/controller/volume/persistentvolume): binding
// claims to volumes, dynamic provisioning, release and reclaim.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from "../../api/kinds";
import type { Action, Reconciler } from "../types";
import { clone } from "../shared/clone";
import { sameContent } from "../shared/diff";
import { event } from "../shared/events";
import { compareQuantities, quantityFromInt, tryParseQuantity, type Quantity } from "../../api/validation/quantity";
import { selectorMatches } from "../shared/selectors";
import { provisionVolume } from "./provisioner";

const COMPONENT = "persistentvolume-controller";
const PVC = "/persistentvolumeclaims";
const PV = "/persistentvolumes";
const SC = "storage.k8s.io/storageclasses";
export const BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
export const SELECTED_NODE = "volume.kubernetes.io/selected-node";

function classOf(obj: { spec?: { storageClassName?: string } }): string {
  return obj.spec?.storageClassName ?? "";
}

const ZERO = quantityFromInt(0);
/** a size the API server would have refused counts as zero */
const sizeOf = (q: string | number | undefined): Quantity => (q === undefined ? ZERO : tryParseQuantity(q) ?? ZERO);

/** findBestMatchForClaim: smallest available volume satisfying class, modes, size, selector. */
export function findMatchingVolume(pvc: PersistentVolumeClaim, volumes: PersistentVolume[]): PersistentVolume | undefined {
  const want = sizeOf(pvc.spec?.resources?.requests?.storage);
  const modes = pvc.spec?.accessModes ?? [];
  const candidates = volumes.filter((pv) => {
    if (pv.metadata.deletionTimestamp) return false;
    if (pv.spec?.claimRef && pv.spec.claimRef.uid !== pvc.metadata.uid && !(pv.spec.claimRef.name === pvc.metadata.name && pv.spec.claimRef.namespace === pvc.metadata.namespace && !pv.spec.claimRef.uid)) return false;
    if (!pv.spec?.claimRef && pv.status?.phase && pv.status.phase !== "Available") return false;
    if (classOf(pv) !== classOf(pvc)) return false;
    if ((pv.spec?.volumeMode ?? "Filesystem") !== (pvc.spec?.volumeMode ?? "Filesystem")) return false;
    if (!modes.every((m) => (pv.spec?.accessModes ?? []).includes(m))) return false;
    if (compareQuantities(sizeOf(pv.spec?.capacity?.storage), want) < 0) return false;
    if (pvc.spec?.selector && !selectorMatches(pvc.spec.selector, pv.metadata.labels)) return false;
    return true;
  });
  // a volume pre-bound to this claim wins
  const prebound = candidates.find((pv) => pv.spec?.claimRef);
  if (prebound) return prebound;
  return candidates.sort((a, b) => compareQuantities(sizeOf(a.spec?.capacity?.storage), sizeOf(b.spec?.capacity?.storage)))[0];
}

function bindActions(pvc: PersistentVolumeClaim, pv: PersistentVolume, byController: boolean): Action[] {
  const actions: Action[] = [];
  const vol = clone(pv);
  if (!vol.spec?.claimRef || vol.spec.claimRef.uid !== pvc.metadata.uid) {
    vol.spec = { ...vol.spec, claimRef: { kind: "PersistentVolumeClaim", apiVersion: "v1", namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion } };
    if (!pv.spec?.claimRef) vol.metadata.annotations = { ...(vol.metadata.annotations ?? {}), [BOUND_BY_CONTROLLER]: "yes" };
    actions.push({ type: "update", resource: PV, object: vol });
  }
  if (vol.status?.phase !== "Bound") actions.push({ type: "updateStatus", resource: PV, object: { ...vol, status: { ...(vol.status ?? {}), phase: "Bound" } } });
  const claim = clone(pvc);
  const ann: Record<string, string> = { ...(claim.metadata.annotations ?? {}), [BIND_COMPLETED]: "yes" };
  if (byController) ann[BOUND_BY_CONTROLLER] = "yes";
  if (claim.spec?.volumeName !== pv.metadata.name || !sameContent(ann, claim.metadata.annotations ?? {})) {
    claim.metadata.annotations = ann;
    claim.spec = { ...claim.spec, volumeName: pv.metadata.name };
    actions.push({ type: "update", resource: PVC, object: claim });
  }
  const status = { ...(pvc.status ?? {}), phase: "Bound", accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity };
  if (!sameContent(status, pvc.status ?? {})) actions.push({ type: "updateStatus", resource: PVC, object: { ...claim, status } });
  return actions;
}

export const reconcilePersistentVolumeClaim: Reconciler = (ctx, key) => {
  const pvc = ctx.view.get<PersistentVolumeClaim>(PVC, key.namespace, key.name);
  if (!pvc || pvc.metadata.deletionTimestamp) return { actions: [] };
  const volumes = ctx.view.list<PersistentVolume>(PV);
  if (pvc.spec?.volumeName) {
    const pv = volumes.find((v) => v.metadata.name === pvc.spec!.volumeName);
    if (!pv) {
      if (pvc.status?.phase === "Bound") return { actions: [{ type: "updateStatus", resource: PVC, object: { ...clone(pvc), status: { ...pvc.status, phase: "Lost" } } }, event(pvc, COMPONENT, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!", "Warning")] };
      return { actions: [] };
    }
    if (pv.spec?.claimRef && pv.spec.claimRef.uid && pv.spec.claimRef.uid !== pvc.metadata.uid) {
      return { actions: [event(pvc, COMPONENT, "FailedBinding", "volume already bound to a different claim.", "Warning")] };
    }
    return { actions: bindActions(pvc, pv, pvc.metadata.annotations?.[BOUND_BY_CONTROLLER] === "yes") };
  }
  const match = findMatchingVolume(pvc, volumes);
  const sc = classOf(pvc) ? ctx.view.get<StorageClass>(SC, undefined, classOf(pvc)) : undefined;
  const waitForConsumer = sc?.volumeBindingMode === "WaitForFirstConsumer" && !pvc.metadata.annotations?.[SELECTED_NODE];
  if (match && !waitForConsumer) return { actions: bindActions(pvc, match, true) };
  const actions: Action[] = [];
  const pending = { ...(pvc.status ?? {}), phase: "Pending" };
  if (!sameContent(pending, pvc.status ?? {})) actions.push({ type: "updateStatus", resource: PVC, object: { ...clone(pvc), status: pending } });
  if (waitForConsumer) {
    actions.push(event(pvc, COMPONENT, "WaitForFirstConsumer", "waiting for first consumer to be created before binding"));
    return { actions };
  }
  if (!sc || !sc.provisioner || sc.provisioner === "kubernetes.io/no-provisioner") {
    const msg = classOf(pvc) ? (sc ? `no persistent volumes available for this claim and no storage class is set` : `storageclass.storage.k8s.io "${classOf(pvc)}" not found`) : "no persistent volumes available for this claim and no storage class is set";
    actions.push(event(pvc, COMPONENT, sc || !classOf(pvc) ? "FailedBinding" : "ProvisioningFailed", msg, "Warning"));
    return { actions };
  }
  if (volumes.some((v) => v.metadata.name === `pvc-${pvc.metadata.uid}`)) return { actions };
  const claim = clone(pvc);
  claim.metadata.annotations = { ...(claim.metadata.annotations ?? {}), [STORAGE_PROVISIONER]: sc.provisioner, [BETA_STORAGE_PROVISIONER]: sc.provisioner };
  if (!sameContent(claim.metadata.annotations, pvc.metadata.annotations ?? {})) actions.push({ type: "update", resource: PVC, object: claim });
  const ns = pvc.metadata.namespace;
  actions.push(
    event(pvc, COMPONENT, "ExternalProvisioning", `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`),
  );
  actions.push({ type: "event", event: { involved: pvc, type: "Normal", reason: "Provisioning", message: `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`, component: sc.provisioner } });
  const pv = provisionVolume(pvc, sc);
  actions.push({ type: "create", resource: PV, object: pv });
  actions.push({ type: "event", event: { involved: pvc, type: "Normal", reason: "ProvisioningSucceeded", message: `Successfully provisioned volume ${pv.metadata.name}`, component: sc.provisioner } });
  return { actions, requeueAfterMs: 0 };
};

export const reconcilePersistentVolume: Reconciler = (ctx, key) => {
  const pv = ctx.view.get<PersistentVolume>(PV, undefined, key.name);
  if (!pv || pv.metadata.deletionTimestamp) return { actions: [] };
  const setPhase = (phase: string, extra: Record<string, unknown> = {}): Action[] =>
    pv.status?.phase === phase ? [] : [{ type: "updateStatus", resource: PV, object: { ...clone(pv), status: { ...(pv.status ?? {}), phase, ...extra } } }];
  const ref = pv.spec?.claimRef;
  if (!ref) return { actions: setPhase("Available") };
  const claim = ref.name ? ctx.view.get<PersistentVolumeClaim>(PVC, ref.namespace, ref.name) : undefined;
  if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
    if (claim.spec?.volumeName === pv.metadata.name) return { actions: setPhase("Bound") };
    // pre-bound or provisioned volume waiting for its claim: the claim's reconcile binds it
    return { actions: setPhase("Available") };
  }
  if (!ref.uid) return { actions: setPhase("Available") };
  // claim gone: release and reclaim
  const policy = pv.spec?.persistentVolumeReclaimPolicy ?? "Retain";
  if (policy === "Delete") return { actions: [{ type: "delete", resource: PV, name: pv.metadata.name!, uid: pv.metadata.uid }] };
  if (policy === "Recycle") {
    const copy = clone(pv);
    delete copy.spec!.claimRef;
    return { actions: [{ type: "update", resource: PV, object: copy }, ...setPhase("Available")] };
  }
  return { actions: setPhase("Released") };
};
