// The defaulting the API server applies to every PodSpec (pkg/apis/core/v1/defaults.go), to pods
// and to the pod templates inside workloads alike. Pod-only admission defaults live in pod-admission.ts.
import { child, isRec, recs, rec, setDefault, setDefaultString, str, type Json } from "../strategies/json";

/** The tag ParseImageName would find: none when a digest pins the image, "latest" when neither is given. */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf("/");
  const lastPart = name.slice(lastSlash + 1);
  const colon = lastPart.indexOf(":");
  if (colon >= 0) return lastPart.slice(colon + 1);
  return at >= 0 ? "" : "latest";
}

/** Always for `:latest` or no tag, IfNotPresent otherwise (digests included). */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  return imageTag(image) === "latest" ? "Always" : "IfNotPresent";
}

function defaultHttpGet(action: Json | undefined): void {
  if (!action) return;
  setDefaultString(action, "path", "/");
  setDefaultString(action, "scheme", "HTTP");
}

function defaultHandler(handler: Json | undefined): void {
  if (!handler) return;
  defaultHttpGet(rec(handler.httpGet));
  const grpc = rec(handler.grpc);
  if (grpc) setDefault(grpc, "service", "");
}

function defaultProbe(probe: Json | undefined): void {
  if (!probe) return;
  defaultHandler(probe);
  // Go's zero value means "unset" for these int32 fields
  for (const [k, v] of [["timeoutSeconds", 1], ["periodSeconds", 10], ["successThreshold", 1], ["failureThreshold", 3]] as const) {
    if (probe[k] === undefined || probe[k] === null || probe[k] === 0) probe[k] = v;
  }
}

function defaultFieldRef(ref: Json | undefined): void {
  if (ref) setDefaultString(ref, "apiVersion", "v1");
}

export function defaultContainer(c: Json, hostNetwork: boolean): void {
  const image = str(c.image) ?? "";
  setDefaultString(c, "imagePullPolicy", defaultPullPolicy(image));
  setDefaultString(c, "terminationMessagePath", "/dev/termination-log");
  setDefaultString(c, "terminationMessagePolicy", "File");
  for (const p of recs(c.ports)) {
    setDefaultString(p, "protocol", "TCP");
    // with the host's network the container port is the host port
    if (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)) p.hostPort = p.containerPort;
  }
  for (const e of recs(c.env)) defaultFieldRef(rec(rec(e.valueFrom)?.fieldRef));
  defaultProbe(rec(c.livenessProbe));
  defaultProbe(rec(c.readinessProbe));
  defaultProbe(rec(c.startupProbe));
  const lifecycle = rec(c.lifecycle);
  if (lifecycle) {
    defaultHandler(rec(lifecycle.postStart));
    defaultHandler(rec(lifecycle.preStop));
  }
  setDefault(c, "resources", {});
}

const VOLUME_SOURCES = [
  "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
  "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
  "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume",
  "scaleIO", "storageos", "csi", "ephemeral", "image",
] as const;

export const volumeSourceNames = (v: Json): string[] => VOLUME_SOURCES.filter((k) => v[k] !== undefined && v[k] !== null);

function defaultDownwardItems(items: unknown): void {
  for (const item of recs(items)) defaultFieldRef(rec(item.fieldRef));
}

export function defaultVolume(v: Json): void {
  if (volumeSourceNames(v).length === 0) v.emptyDir = {};
  const hostPath = rec(v.hostPath);
  if (hostPath) setDefault(hostPath, "type", "");
  for (const key of ["configMap", "secret", "downwardAPI", "projected"]) {
    const src = rec(v[key]);
    if (src) setDefault(src, "defaultMode", 420);
  }
  const downward = rec(v.downwardAPI);
  if (downward) defaultDownwardItems(downward.items);
  const projected = rec(v.projected);
  for (const s of recs(projected?.sources)) {
    const token = rec(s.serviceAccountToken);
    if (token) setDefault(token, "expirationSeconds", 3600);
    const d = rec(s.downwardAPI);
    if (d) defaultDownwardItems(d.items);
  }
  const iscsi = rec(v.iscsi);
  if (iscsi) setDefaultString(iscsi, "iscsiInterface", "default");
  const rbd = rec(v.rbd);
  if (rbd) {
    setDefaultString(rbd, "pool", "rbd");
    setDefaultString(rbd, "user", "admin");
    setDefaultString(rbd, "keyring", "/etc/ceph/keyring");
  }
  const azureDisk = rec(v.azureDisk);
  if (azureDisk) {
    setDefaultString(azureDisk, "cachingMode", "ReadWrite");
    setDefaultString(azureDisk, "fsType", "ext4");
    setDefault(azureDisk, "readOnly", false);
    setDefaultString(azureDisk, "kind", "Shared");
  }
  const ephemeral = rec(rec(v.ephemeral)?.volumeClaimTemplate);
  const claimSpec = rec(ephemeral?.spec);
  if (claimSpec) setDefaultString(claimSpec, "volumeMode", "Filesystem");
}

/** SetDefaults_PodSpec plus the container, volume and probe defaults reached through it. */
export function defaultPodSpec(spec: Json): void {
  setDefaultString(spec, "dnsPolicy", "ClusterFirst");
  setDefaultString(spec, "restartPolicy", "Always");
  setDefault(spec, "securityContext", {});
  setDefault(spec, "terminationGracePeriodSeconds", 30);
  setDefaultString(spec, "schedulerName", "default-scheduler");
  // v1 keeps the deprecated serviceAccount field in step with serviceAccountName
  const sa = str(spec.serviceAccountName) || str(spec.serviceAccount);
  if (sa) {
    setDefaultString(spec, "serviceAccountName", sa);
    setDefaultString(spec, "serviceAccount", sa);
  }
  const hostNetwork = spec.hostNetwork === true;
  for (const key of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const c of recs(spec[key])) defaultContainer(c, hostNetwork);
  }
  for (const v of recs(spec.volumes)) defaultVolume(v);
}

/** A pod template (Deployment, StatefulSet, Job ... and PodTemplate objects). */
export function defaultPodTemplate(template: Json): void {
  setDefault(template, "metadata", {});
  const meta = child(template, "metadata");
  // creationTimestamp: null is what every real server echoes inside templates
  if (!("creationTimestamp" in meta)) meta.creationTimestamp = null;
  defaultPodSpec(child(template, "spec"));
}

/** SetDefaults_Pod: requests default from limits, service links on. */
export function defaultPodOnly(spec: Json): void {
  for (const key of ["initContainers", "containers"]) {
    for (const c of recs(spec[key])) {
      const resources = child(c, "resources");
      const limits = rec(resources.limits);
      if (!limits || Object.keys(limits).length === 0) continue;
      const requests = child(resources, "requests");
      for (const [name, q] of Object.entries(limits)) if (!(name in requests)) requests[name] = q;
    }
  }
  setDefault(spec, "enableServiceLinks", true);
}

export function defaultPodObject(pod: Json): void {
  const spec = child(pod, "spec");
  defaultPodSpec(spec);
  defaultPodOnly(spec);
  if (!isRec(pod.metadata)) pod.metadata = {};
}
