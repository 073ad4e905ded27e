// The course's Deployment and ReplicaSet chapter ("kubernetes核心概念 Controller" 1.2–1.3) with the real kubectl.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { advanceUntil, jsonpath, ok, parseTable, startKubectl, startWatch, table } from "./controllers-helpers";
import { DEPLOYMENT_NGINX, RS_NGINX } from "./course-controllers";

const NODES = ["k8s-master1", "k8s-master2", "k8s-master3", "k8s-worker1"];
const RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n";

async function podsOf(k: Sandbox, selector: string): Promise<Array<Record<string, string>>> {
  return (await table(k, ["get", "pods", "-l", selector, "-o", "wide"])).rows;
}

async function settled(k: Sandbox, name: string, replicas: number): Promise<void> {
  await advanceUntil(
    k,
    async () => {
      const t = await k.kubectl(["get", "deploy", name, "-o", "jsonpath={.status.updatedReplicas}/{.status.replicas}/{.status.availableReplicas}"]);
      const pods = await k.kubectl(["get", "pods", "--no-headers", "-l", "app=nginx"]);
      const lines = pods.stdout.split("\n").filter((l) => l.trim());
      return t.stdout === `${replicas}/${replicas}/${replicas}` && lines.length === replicas && lines.every((l) => /\s1\/1\s+Running\s/.test(l));
    },
    { what: `${name} at ${replicas} replicas` },
  );
}

describe("Deployment: the course's deploy-nginx", () => {
  let k: Sandbox;
  let firstHash = "";
  let secondHash = "";
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("creates the deployment, its ReplicaSet and pod with the course's columns", async () => {
    const created = await ok(k, ["apply", "-f", k.file("deployment-nginx.yml", DEPLOYMENT_NGINX)]);
    expect(created).toBe("deployment.apps/deploy-nginx created\n");
    await settled(k, "deploy-nginx", 1);

    const deploy = await table(k, ["get", "deployment"]);
    expect(deploy.headerLine).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(deploy.rows).toHaveLength(1);
    expect(deploy.rows[0]).toMatchObject({ NAME: "deploy-nginx", READY: "1/1", "UP-TO-DATE": "1", AVAILABLE: "1" });

    const rs = await table(k, ["get", "replicasets"]);
    expect(rs.headerLine).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
    expect(rs.rows).toHaveLength(1);
    expect(rs.rows[0].NAME).toMatch(/^deploy-nginx-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.rows[0]).toMatchObject({ DESIRED: "1", CURRENT: "1", READY: "1" });
    firstHash = rs.rows[0].NAME.slice("deploy-nginx-".length);

    const pods = await table(k, ["get", "pods"]);
    expect(pods.headerLine).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(pods.rows).toHaveLength(1);
    expect(pods.rows[0].NAME).toMatch(new RegExp(`^deploy-nginx-${firstHash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(pods.rows[0]).toMatchObject({ READY: "1/1", STATUS: "Running", RESTARTS: "0" });

    // the hash label ties them together; the RS is controlled by the deployment, the pod by the RS
    expect(await jsonpath(k, ["get", "pods", pods.rows[0].NAME], "{.metadata.labels.pod-template-hash} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}")).toBe(`${firstHash} ReplicaSet/deploy-nginx-${firstHash}`);
    expect(await jsonpath(k, ["get", "rs", `deploy-nginx-${firstHash}`], "{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.spec.selector.matchLabels.pod-template-hash} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).toBe(`Deployment/deploy-nginx ${firstHash} 1`);
    const wide = await table(k, ["get", "pods", "-o", "wide"]);
    expect(wide.headerLine).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    expect(wide.rows[0].IP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(NODES).toContain(wide.rows[0].NODE);
  });

  it("replaces a deleted pod, as `get pods -w` shows", async () => {
    const [before] = await podsOf(k, "app=nginx");
    const watch = await startWatch(k, ["pods"]);
    try {
      const del = await ok(k, ["delete", "pod", before.NAME]);
      expect(del).toBe(`pod "${before.NAME}" deleted\n`);
      await settled(k, "deploy-nginx", 1);
      await advanceUntil(k, () => /deploy-nginx-\S+\s+1\/1\s+Running/.test(watch.output().split("\n").filter((l) => !l.startsWith(before.NAME)).join("\n")), { what: "replacement in the watch" });
      const lines = watch.output().split("\n");
      expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
      expect(lines.some((l) => l.startsWith(before.NAME) && /\sTerminating\s/.test(l))).toBe(true);
      const replacement = lines.map((l) => l.split(/\s+/)[0]).find((n) => n.startsWith(`deploy-nginx-${firstHash}-`) && n !== before.NAME);
      expect(replacement).toBeDefined();
      const order = (re: RegExp) => lines.findIndex((l) => l.startsWith(replacement!) && re.test(l));
      expect(order(/\sPending\s/)).toBeGreaterThan(0);
      expect(order(/\sContainerCreating\s/)).toBeGreaterThan(order(/\sPending\s/));
      expect(order(/\s1\/1\s+Running\s/)).toBeGreaterThan(order(/\sContainerCreating\s/));
    } finally {
      watch.kill();
    }
    const [after] = await podsOf(k, "app=nginx");
    expect(after.NAME).not.toBe(before.NAME);
    expect(after.IP).toMatch(/^10\.244\./);
  });

  it("scales 1 → 2 → 4 → 1, keeping the oldest pod", async () => {
    const [oldest] = await podsOf(k, "app=nginx");
    // time passes between the course's commands: the first pod has been ready the longest
    await k.advance(45);
    expect(await ok(k, ["scale", "deployment", "deploy-nginx", "--replicas=2"])).toBe("deployment.apps/deploy-nginx scaled\n");
    await settled(k, "deploy-nginx", 2);
    expect(await podsOf(k, "app=nginx")).toHaveLength(2);

    await k.advance(45);
    expect(await ok(k, ["scale", "deployment", "deploy-nginx", "--replicas=4"])).toBe("deployment.apps/deploy-nginx scaled\n");
    await settled(k, "deploy-nginx", 4);
    const four = await podsOf(k, "app=nginx");
    expect(four).toHaveLength(4);
    // more replicas than worker nodes: the course's masters take pods too, spread one per node
    expect(new Set(four.map((p) => p.NODE)).size).toBe(4);
    for (const p of four) expect(NODES).toContain(p.NODE);
    const rs = await table(k, ["get", "rs"]);
    expect(rs.rows[0]).toMatchObject({ NAME: `deploy-nginx-${firstHash}`, DESIRED: "4", CURRENT: "4", READY: "4" });

    expect(await ok(k, ["scale", "deployment", "deploy-nginx", "--replicas=1"])).toBe("deployment.apps/deploy-nginx scaled\n");
    await settled(k, "deploy-nginx", 1);
    const one = await podsOf(k, "app=nginx");
    expect(one.map((p) => p.NAME)).toEqual([oldest.NAME]);
    expect(await jsonpath(k, ["get", "deploy", "deploy-nginx"], "{.spec.replicas} {.status.replicas} {.status.observedGeneration}")).toMatch(/^1 1 \d+$/);
  });

  it("upgrades with `set image --record` and `rollout status`", async () => {
    const set = await k.kubectl(["set", "image", "deployment", "deploy-nginx", "nginx=nginx:1.16-alpine", "--record"]);
    expect(set.stdout).toBe("deployment.apps/deploy-nginx image updated\n");
    expect(set.stderr).toBe(RECORD_WARNING);
    const status = startKubectl(k, ["rollout", "status", "deployment", "deploy-nginx"]);
    await advanceUntil(k, () => status.exited(), { what: "rollout status to finish" });
    expect(status.code()).toBe(0);
    expect(status.output().trim().split("\n").at(-1)).toBe('deployment "deploy-nginx" successfully rolled out');
    expect(await ok(k, ["rollout", "status", "deployment", "deploy-nginx"])).toBe('deployment "deploy-nginx" successfully rolled out\n');

    await settled(k, "deploy-nginx", 1);
    const [pod] = await podsOf(k, "app=nginx");
    expect(pod.NAME.startsWith(`deploy-nginx-${firstHash}-`)).toBe(false);
    secondHash = pod.NAME.split("-")[2];
    const describe = await ok(k, ["describe", "pods", pod.NAME]);
    expect(describe).toMatch(/^\s+Image:\s+nginx:1\.16-alpine$/m);
    const v = await k.kubectl(["exec", pod.NAME, "--", "nginx", "-v"]);
    expect(v.code).toBe(0);
    expect(v.stdout + v.stderr).toBe("nginx version: nginx/1.16.1\n");

    const again = await k.kubectl(["set", "image", "deployment", "deploy-nginx", "nginx=nginx:1.17-alpine", "--record"]);
    expect(again.stdout).toBe("deployment.apps/deploy-nginx image updated\n");
    await advanceUntil(k, async () => (await k.kubectl(["rollout", "status", "deployment", "deploy-nginx", "--watch=false"])).stdout.includes("successfully rolled out"), { what: "second rollout" });
    await settled(k, "deploy-nginx", 1);
    const rs = await table(k, ["get", "rs"]);
    expect(rs.rows).toHaveLength(3);
    expect(rs.rows.filter((r) => r.DESIRED === "0")).toHaveLength(2);
  });

  it("prints the rollout history and one revision's pod template", async () => {
    const history = await ok(k, ["rollout", "history", "deployment", "deploy-nginx"]);
    expect(history).toBe(
      [
        "deployment.apps/deploy-nginx ",
        "REVISION  CHANGE-CAUSE",
        "1         <none>",
        "2         kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record=true",
        "3         kubectl set image deployment deploy-nginx nginx=nginx:1.17-alpine --record=true",
        "",
        "",
      ].join("\n"),
    );
    const one = await ok(k, ["rollout", "history", "deployment", "deploy-nginx", "--revision=1"]);
    const lines = one.split("\n").map((l) => l.replace(/\t/g, " ").replace(/ +/g, " ").trimEnd());
    expect(lines.slice(0, 11)).toEqual([
      "deployment.apps/deploy-nginx with revision #1",
      "Pod Template:",
      " Labels: app=nginx",
      ` pod-template-hash=${firstHash}`,
      " Containers:",
      " nginx:",
      " Image: nginx:1.15-alpine",
      " Port: 80/TCP",
      " Host Port: 0/TCP",
      " Environment: <none>",
      " Mounts: <none>",
    ]);
    expect(lines).toContain(" Volumes: <none>");
    const two = await ok(k, ["rollout", "history", "deployment", "deploy-nginx", "--revision=2"]);
    expect(two).toMatch(/Annotations:\s+kubernetes\.io\/change-cause: kubectl set image deployment deploy-nginx nginx=nginx:1\.16-alpine --record=true/);
    expect(two).toMatch(/Image:\s+nginx:1\.16-alpine/);
    const missing = await k.kubectl(["rollout", "history", "deployment", "deploy-nginx", "--revision=9"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("error: unable to find the specified revision");
  });

  it("rolls back with `undo --to-revision=1`, reusing the first ReplicaSet as revision 4", async () => {
    expect(await ok(k, ["rollout", "undo", "deployment", "deploy-nginx", "--to-revision=1"])).toBe("deployment.apps/deploy-nginx rolled back\n");
    await advanceUntil(k, async () => (await k.kubectl(["rollout", "status", "deployment", "deploy-nginx", "--watch=false"])).stdout.includes("successfully rolled out"), { what: "rollback" });
    await settled(k, "deploy-nginx", 1);
    const history = await ok(k, ["rollout", "history", "deployment", "deploy-nginx"]);
    expect(history).toBe(
      [
        "deployment.apps/deploy-nginx ",
        "REVISION  CHANGE-CAUSE",
        "2         kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record=true",
        "3         kubectl set image deployment deploy-nginx nginx=nginx:1.17-alpine --record=true",
        "4         <none>",
        "",
        "",
      ].join("\n"),
    );
    const [pod] = await podsOf(k, "app=nginx");
    expect(pod.NAME.startsWith(`deploy-nginx-${firstHash}-`)).toBe(true);
    expect(await ok(k, ["describe", "pod", pod.NAME])).toMatch(/^\s+Image:\s+nginx:1\.15-alpine$/m);
    const v = await k.kubectl(["exec", pod.NAME, "--", "nginx", "-v"]);
    expect(v.stdout + v.stderr).toBe("nginx version: nginx/1.15.12\n");
    expect(await jsonpath(k, ["get", "rs", `deploy-nginx-${firstHash}`], "{.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.metadata.annotations.deployment\\.kubernetes\\.io/revision-history}")).toBe("4 1");
    expect(await jsonpath(k, ["get", "deploy", "deploy-nginx"], "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).toBe("4");
    const events = await ok(k, ["get", "events", "--field-selector", "involvedObject.kind=Deployment,involvedObject.name=deploy-nginx", "-o", "jsonpath={range .items[*]}{.reason}|{.message}{\"\\n\"}{end}"]);
    expect(events).toContain(`ScalingReplicaSet|Scaled up replica set deploy-nginx-${firstHash} to 1 from 0`);
    expect(events).toContain(`ScalingReplicaSet|Scaled down replica set deploy-nginx-${secondHash} to 0 from 1`);
  });

  it("deletes the deployment with its ReplicaSets and pods", async () => {
    expect(await ok(k, ["delete", "deployment", "deploy-nginx"])).toBe('deployment.apps "deploy-nginx" deleted\n');
    await advanceUntil(k, async () => (await k.kubectl(["get", "rs,pods", "-l", "app=nginx"])).stderr.includes("No resources found"), { what: "cascade" });
    const all = await k.kubectl(["get", "deploy,rs,pods"]);
    expect(all.stdout).toBe("");
    expect(all.stderr.trim()).toBe("No resources found in default namespace.");
  });
});

describe("ReplicaSet without a Deployment", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("keeps two pods of rs-nginx and creates no deployment", async () => {
    expect(await ok(k, ["apply", "-f", k.file("rs-nginx.yml", RS_NGINX)])).toBe("replicaset.apps/rs-nginx created\n");
    await advanceUntil(k, async () => (await k.kubectl(["get", "rs", "rs-nginx", "--no-headers"])).stdout.match(/^rs-nginx\s+2\s+2\s+2\s/) !== null, { what: "rs ready" });
    const rs = await table(k, ["get", "rs"]);
    expect(rs.headerLine).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
    expect(rs.rows).toHaveLength(1);
    expect(rs.rows[0]).toMatchObject({ NAME: "rs-nginx", DESIRED: "2", CURRENT: "2", READY: "2" });
    const pods = await table(k, ["get", "pods"]);
    expect(pods.rows).toHaveLength(2);
    for (const p of pods.rows) {
      expect(p.NAME).toMatch(/^rs-nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p).toMatchObject({ READY: "1/1", STATUS: "Running", RESTARTS: "0" });
    }
    const none = await k.kubectl(["get", "deployment"]);
    expect(none.stdout).toBe("");
    expect(none.stderr.trim()).toBe("No resources found in default namespace.");
    expect(await jsonpath(k, ["get", "rs", "rs-nginx"], "{.status.replicas} {.status.fullyLabeledReplicas} {.status.readyReplicas} {.status.availableReplicas} {.status.observedGeneration}")).toBe("2 2 2 2 1");
  });

  it("adopts a matching orphan pod and deletes the surplus", async () => {
    const orphan = `apiVersion: v1
kind: Pod
metadata:
  name: stray
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.15-alpine
`;
    await ok(k, ["apply", "-f", k.file("stray.yml", orphan)]);
    await advanceUntil(k, async () => (await k.kubectl(["get", "pods", "--no-headers"])).stdout.trim().split("\n").length === 2, { what: "surplus removed" });
    const pods = parseTable(await ok(k, ["get", "pods"])).rows.map((r) => r.NAME);
    expect(pods).toHaveLength(2);
    // the surplus pod deleted is the newest, not-yet-ready one: the stray pod
    expect(pods).not.toContain("stray");
    const events = await ok(k, ["get", "events", "--field-selector", "involvedObject.name=rs-nginx", "-o", "jsonpath={range .items[*]}{.reason}:{.message}{\"\\n\"}{end}"]);
    expect(events).toContain("SuccessfulDelete:Deleted pod: stray");
  });

  it("scales through the scale subresource and recreates a deleted pod", async () => {
    expect(await ok(k, ["scale", "rs", "rs-nginx", "--replicas=3"])).toBe("replicaset.apps/rs-nginx scaled\n");
    await advanceUntil(k, async () => /^rs-nginx\s+3\s+3\s+3\s/.test((await k.kubectl(["get", "rs", "rs-nginx", "--no-headers"])).stdout), { what: "3 replicas" });
    const [victim] = parseTable(await ok(k, ["get", "pods"])).rows;
    await ok(k, ["delete", "pod", victim.NAME]);
    await advanceUntil(k, async () => {
      const rows = parseTable((await k.kubectl(["get", "pods"])).stdout).rows;
      return rows.length === 3 && rows.every((r) => r.STATUS === "Running") && !rows.some((r) => r.NAME === victim.NAME);
    }, { what: "replacement" });
  });
});

describe("a 16-replica rolling update at the realistic pace", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "realistic" });
  });

  it("prints `N of 16 updated replicas are available` while the clock runs", async () => {
    await ok(k, ["apply", "-f", k.file("deployment-nginx.yml", DEPLOYMENT_NGINX)]);
    expect(await ok(k, ["scale", "deployment", "deploy-nginx", "--replicas=16"])).toBe("deployment.apps/deploy-nginx scaled\n");
    await advanceUntil(k, async () => (await k.kubectl(["get", "deploy", "deploy-nginx", "-o", "jsonpath={.status.availableReplicas}"])).stdout === "16", { step: 5, pauseMs: 0, what: "16 available" });
    const pods = await table(k, ["get", "pods"]);
    expect(pods.rows).toHaveLength(16);
    expect(pods.rows.every((r) => r.READY === "1/1" && r.STATUS === "Running")).toBe(true);

    const set = await k.kubectl(["set", "image", "deployment", "deploy-nginx", "nginx=nginx:1.17-alpine", "--record"]);
    expect(set.stdout).toBe("deployment.apps/deploy-nginx image updated\n");
    const status = startKubectl(k, ["rollout", "status", "deployment", "deploy-nginx"]);
    try {
      await advanceUntil(k, () => status.exited(), { step: 1, pauseMs: 250, tries: 240, what: "rollout status to finish" });
    } finally {
      status.kill();
    }
    expect(status.code()).toBe(0);
    const lines = status.output().trim().split("\n");
    expect(lines.at(-1)).toBe('deployment "deploy-nginx" successfully rolled out');
    const waiting = lines.slice(0, -1);
    expect(waiting.length).toBeGreaterThan(3);
    for (const l of waiting) {
      expect(l).toMatch(/^Waiting for deployment "deploy-nginx" rollout to finish: (\d+ out of 16 new replicas have been updated|\d+ old replicas are pending termination|\d+ of 16 updated replicas are available)\.\.\.$/);
    }
    const available = waiting.map((l) => /: (\d+) of 16 updated replicas are available/.exec(l)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    expect(available.length).toBeGreaterThan(0);
    expect(available.every((n) => n >= 12 && n < 16)).toBe(true);
    expect([...available].sort((a, b) => a - b)).toEqual(available);
    const updated = waiting.map((l) => /: (\d+) out of 16 new replicas/.exec(l)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    expect(updated.length).toBeGreaterThan(0);
    expect(Math.min(...updated)).toBeLessThanOrEqual(8);

    const rs = await table(k, ["get", "rs"]);
    expect(rs.rows.map((r) => `${r.DESIRED}/${r.CURRENT}/${r.READY}`).sort()).toEqual(["0/0/0", "16/16/16"]);
    // maxSurge 25% and maxUnavailable 25% of 16: never more than 20 pods, never fewer than 12 available
    const events = await ok(k, ["get", "events", "--field-selector", "involvedObject.kind=Deployment", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}"]);
    const scaled = events.split("\n").filter((m) => m.startsWith("Scaled"));
    expect(scaled.some((m) => / to 4 from 0$/.test(m))).toBe(true);
    expect(scaled.some((m) => /Scaled down replica set deploy-nginx-\S+ to 12 from 16$/.test(m))).toBe(true);
  });
});
