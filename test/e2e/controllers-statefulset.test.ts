// The course's StatefulSet chapter ("Controller之StatefulSet控制器") with the real kubectl: the headless
// Service, ordered pods, PVCs and PVs dynamically provisioned from the nfs-client class, the canary
// update with partition, scaling, and data that survives the pod.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { advanceUntil, jsonpath, ok, startWatch, table } from "./controllers-helpers";
import { STATEFULSET_WEB } from "./course-controllers";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function images(k: Sandbox): Promise<Record<string, string>> {
  const t = await table(k, ["get", "pods", "-o", "custom-columns=Name:metadata.name,Image:spec.containers[0].image"]);
  return Object.fromEntries(t.rows.map((r) => [r.Name, r.Image]));
}

async function nginxVersion(k: Sandbox, pod: string): Promise<string> {
  const r = await k.kubectl(["exec", pod, "--", "nginx", "-v"]);
  expect(r.code).toBe(0);
  return (r.stdout + r.stderr).trim();
}

async function allReady(k: Sandbox, n: number): Promise<boolean> {
  const r = await k.kubectl(["get", "sts", "web", "-o", "jsonpath={.status.readyReplicas}/{.status.replicas}/{.status.updatedReplicas}"]);
  const pods = (await k.kubectl(["get", "pods", "-l", "app=nginx", "--no-headers"])).stdout.trim().split("\n").filter((l) => l);
  return r.stdout === `${n}/${n}/${n}` && pods.length === n && pods.every((l) => /\s1\/1\s+Running\s/.test(l));
}

describe("StatefulSet web with volumeClaimTemplates on nfs-client", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "realistic" });
  });

  it("has the nfs-client StorageClass the course's manifest names", async () => {
    const sc = await table(k, ["get", "storageclass"]);
    expect(sc.headerLine).toMatch(/^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE$/);
    expect(sc.rows.find((r) => r.NAME === "nfs-client")).toMatchObject({ PROVISIONER: "k8s-sigs.io/nfs-subdir-external-provisioner", RECLAIMPOLICY: "Delete", VOLUMEBINDINGMODE: "Immediate" });
  });

  it("creates web-0, web-1, web-2 in order, each after the previous is Running and Ready", async () => {
    const watch = await startWatch(k, ["pods"]);
    try {
      const applied = await ok(k, ["apply", "-f", k.file("nginx-storageclass-nfs.yml", STATEFULSET_WEB)]);
      expect(applied).toBe("service/nginx created\nstatefulset.apps/web created\n");
      await advanceUntil(k, () => allReady(k, 3), { step: 1, pauseMs: 150, what: "3 ready" });
      await advanceUntil(k, () => /^web-2\s+1\/1\s+Running/m.test(watch.output()), { step: 0, pauseMs: 100, what: "web-2 watched" });
    } finally {
      watch.kill();
    }
    const lines = watch.output().split("\n");
    const first = (name: string, re: RegExp) => lines.findIndex((l) => l.startsWith(`${name} `) && re.test(l));
    expect(first("web-0", /\sPending\s/)).toBeGreaterThanOrEqual(0);
    expect(first("web-1", /\sPending\s/)).toBeGreaterThan(first("web-0", /\s1\/1\s+Running\s/));
    expect(first("web-2", /\sPending\s/)).toBeGreaterThan(first("web-1", /\s1\/1\s+Running\s/));

    const pods = await table(k, ["get", "pods"]);
    expect(pods.rows.map((r) => r.NAME)).toEqual(["web-0", "web-1", "web-2"]);
    for (const p of pods.rows) expect(p).toMatchObject({ READY: "1/1", STATUS: "Running", RESTARTS: "0" });
    const created = (await jsonpath(k, ["get", "pods", "--sort-by=.metadata.name"], "{range .items[*]}{.metadata.creationTimestamp}{\"\\n\"}{end}")).trim().split("\n").map(Date.parse);
    expect(created[0]).toBeLessThan(created[1]);
    expect(created[1]).toBeLessThan(created[2]);
    expect(await jsonpath(k, ["get", "pod", "web-1"], "{.spec.hostname}.{.spec.subdomain} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.spec.volumes[0].persistentVolumeClaim.claimName}")).toBe("web-1.nginx web-1 www-web-1");

    const sts = await table(k, ["get", "sts"]);
    expect(sts.headerLine).toMatch(/^NAME\s+READY\s+AGE$/);
    expect(sts.rows[0]).toMatchObject({ NAME: "web", READY: "3/3" });
    const svc = await table(k, ["get", "svc", "nginx"]);
    expect(svc.rows[0]).toMatchObject({ NAME: "nginx", TYPE: "ClusterIP", "CLUSTER-IP": "None", "EXTERNAL-IP": "<none>", "PORT(S)": "80/TCP" });
  });

  it("provisions one Bound PV per claim, with the course's columns", async () => {
    const pv = await table(k, ["get", "pv"]);
    expect(pv.headerLine).toMatch(/^NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE$/);
    expect(pv.rows).toHaveLength(3);
    for (const r of pv.rows) {
      expect(r.NAME).toMatch(new RegExp(`^pvc-${UUID}$`));
      expect(r).toMatchObject({ CAPACITY: "1Gi", "ACCESS MODES": "RWO", "RECLAIM POLICY": "Delete", STATUS: "Bound", STORAGECLASS: "nfs-client" });
    }
    expect(pv.rows.map((r) => r.CLAIM).sort()).toEqual(["default/www-web-0", "default/www-web-1", "default/www-web-2"]);

    const pvc = await table(k, ["get", "pvc"]);
    expect(pvc.headerLine).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/);
    expect(pvc.rows.map((r) => r.NAME)).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
    for (const r of pvc.rows) {
      expect(r).toMatchObject({ STATUS: "Bound", CAPACITY: "1Gi", "ACCESS MODES": "RWO", STORAGECLASS: "nfs-client" });
      // each claim's volume is the PV that names it
      expect(pv.rows.find((p) => p.NAME === r.VOLUME)?.CLAIM).toBe(`default/${r.NAME}`);
      expect(r.VOLUME).toBe(`pvc-${await jsonpath(k, ["get", "pvc", r.NAME], "{.metadata.uid}")}`);
    }
  });

  it("scales to 4: web-3 and www-web-3 appear", async () => {
    expect(await ok(k, ["scale", "sts", "web", "--replicas=4"])).toBe("statefulset.apps/web scaled\n");
    await advanceUntil(k, () => allReady(k, 4), { step: 1, pauseMs: 0, what: "4 ready" });
    expect((await table(k, ["get", "pods"])).rows.map((r) => r.NAME)).toEqual(["web-0", "web-1", "web-2", "web-3"]);
    const pvc = await table(k, ["get", "pvc", "www-web-3"]);
    expect(pvc.rows[0]).toMatchObject({ STATUS: "Bound", CAPACITY: "1Gi" });
  });

  it("canary with partition 2: only web-2 and web-3 get the new image, highest ordinal first", async () => {
    expect(await ok(k, ["patch", "sts", "web", "-p", '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}'])).toBe("statefulset.apps/web patched\n");
    // the course's own form: `kubectl exec -it web-0 -- nginx -v` (no terminal here, so kubectl says so and goes on)
    const it0 = await k.kubectl(["exec", "-it", "web-0", "--", "nginx", "-v"], { stdin: "" });
    expect(it0.code).toBe(0);
    expect(it0.stderr).toContain("Unable to use a TTY - input is not a terminal or the right kind of file\n");
    expect(it0.stdout + it0.stderr.replace("Unable to use a TTY - input is not a terminal or the right kind of file\n", "")).toBe("nginx version: nginx/1.15.12\n");
    const watch = await startWatch(k, ["pods"]);
    try {
      expect(await ok(k, ["set", "image", "sts/web", "nginx=nginx:latest"])).toBe("statefulset.apps/web image updated\n");
      await advanceUntil(k, async () => {
        const im = await images(k);
        return im["web-2"] === "nginx:latest" && im["web-3"] === "nginx:latest" && (await k.kubectl(["get", "sts", "web", "-o", "jsonpath={.status.updatedReplicas}/{.status.readyReplicas}"])).stdout === "2/4";
      }, { step: 1, pauseMs: 150, what: "canary" });
    } finally {
      watch.kill();
    }
    const lines = watch.output().split("\n");
    const terminating = (name: string) => lines.findIndex((l) => l.startsWith(`${name} `) && /\sTerminating\s/.test(l));
    expect(terminating("web-3")).toBeGreaterThan(0);
    expect(terminating("web-2")).toBeGreaterThan(terminating("web-3"));
    expect(terminating("web-1")).toBe(-1);
    expect(terminating("web-0")).toBe(-1);

    expect(await images(k)).toEqual({ "web-0": "nginx:1.15-alpine", "web-1": "nginx:1.15-alpine", "web-2": "nginx:latest", "web-3": "nginx:latest" });
    expect(await nginxVersion(k, "web-2")).toMatch(/^nginx version: nginx\/1\.\d+\.\d+$/);
    expect(await nginxVersion(k, "web-2")).not.toBe("nginx version: nginx/1.15.12");
    expect(await nginxVersion(k, "web-1")).toBe("nginx version: nginx/1.15.12");
    const st = await jsonpath(k, ["get", "sts", "web"], "{.status.currentReplicas} {.status.updatedReplicas} {.status.currentRevision} {.status.updateRevision}");
    const [current, updated, currentRev, updateRev] = st.split(" ");
    expect([current, updated]).toEqual(["2", "2"]);
    expect(currentRev).not.toBe(updateRev);
    expect(await ok(k, ["rollout", "status", "sts", "web", "--watch=false"])).toBe("partitioned roll out complete: 2 new pods have been updated...\n");
    const revisions = await ok(k, ["get", "controllerrevisions", "-o", "name"]);
    expect(revisions.trim().split("\n").sort()).toEqual([`controllerrevision.apps/${currentRev}`, `controllerrevision.apps/${updateRev}`].sort());
  });

  it("partition 0 updates the rest", async () => {
    expect(await ok(k, ["patch", "sts", "web", "-p", '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'])).toBe("statefulset.apps/web patched\n");
    await ok(k, ["set", "image", "sts/web", "nginx=nginx:latest"]);
    await advanceUntil(k, async () => Object.values(await images(k)).every((i) => i === "nginx:latest") && (await allReady(k, 4)), { step: 1, pauseMs: 0, what: "all updated" });
    expect(await images(k)).toEqual({ "web-0": "nginx:latest", "web-1": "nginx:latest", "web-2": "nginx:latest", "web-3": "nginx:latest" });
    const st = await jsonpath(k, ["get", "sts", "web"], "{.status.currentReplicas} {.status.updatedReplicas} {.status.currentRevision} {.status.updateRevision}");
    const [current, updated, currentRev, updateRev] = st.split(" ");
    expect([current, updated]).toEqual(["4", "4"]);
    expect(currentRev).toBe(updateRev);
    expect(await ok(k, ["rollout", "status", "sts", "web", "--watch=false"])).toBe("partitioned roll out complete: 4 new pods have been updated...\n");
  });

  it("keeps web-0's data across `kubectl delete pod web-0`", async () => {
    const uid = await jsonpath(k, ["get", "pod", "web-0"], "{.metadata.uid}");
    await ok(k, ["exec", "web-0", "--", "sh", "-c", "echo haha > /usr/share/nginx/html/index.html"]);
    expect(await ok(k, ["exec", "web-0", "--", "cat", "/usr/share/nginx/html/index.html"])).toBe("haha\n");
    expect(await ok(k, ["delete", "pod", "web-0"])).toBe('pod "web-0" deleted\n');
    await advanceUntil(k, async () => (await allReady(k, 4)) && (await k.kubectl(["get", "pod", "web-0", "-o", "jsonpath={.metadata.uid}"])).stdout !== uid, { step: 1, pauseMs: 0, what: "web-0 back" });
    const pods = await table(k, ["get", "pods"]);
    expect(pods.rows.find((r) => r.NAME === "web-0")).toMatchObject({ READY: "1/1", STATUS: "Running", RESTARTS: "0" });
    const again = await k.kubectl(["exec", "-it", "web-0", "--", "cat", "/usr/share/nginx/html/index.html"], { stdin: "" });
    expect(again.stdout).toBe("haha\n");
    // the other pods have their own, empty volumes
    const other = await k.kubectl(["exec", "web-1", "--", "cat", "/usr/share/nginx/html/index.html"]);
    expect(other.code).toBe(1);
    expect(await jsonpath(k, ["get", "pod", "web-0"], "{.spec.volumes[0].persistentVolumeClaim.claimName}")).toBe("www-web-0");
  });

  it("scales down from the highest ordinal and keeps the claims", async () => {
    const watch = await startWatch(k, ["pods"]);
    try {
      expect(await ok(k, ["scale", "sts", "web", "--replicas=2"])).toBe("statefulset.apps/web scaled\n");
      await advanceUntil(k, () => allReady(k, 2), { step: 1, pauseMs: 150, what: "2 left" });
    } finally {
      watch.kill();
    }
    const lines = watch.output().split("\n");
    const terminating = (name: string) => lines.findIndex((l) => l.startsWith(`${name} `) && /\sTerminating\s/.test(l));
    expect(terminating("web-3")).toBeGreaterThan(0);
    expect(terminating("web-2")).toBeGreaterThan(terminating("web-3"));
    expect((await table(k, ["get", "pods"])).rows.map((r) => r.NAME)).toEqual(["web-0", "web-1"]);
    const pvc = await table(k, ["get", "pvc"]);
    expect(pvc.rows.map((r) => `${r.NAME}:${r.STATUS}`)).toEqual(["www-web-0:Bound", "www-web-1:Bound", "www-web-2:Bound", "www-web-3:Bound"]);
  });
});
