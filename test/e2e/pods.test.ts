// The course's pod chapter with the real kubectl, part 1: creating pods, image pulls and the
// node's image cache, labels, scheduling (nodeName, nodeSelector, a pod that fits nowhere),
// memory limits (OOMKilled, CrashLoopBackOff) and pods of several containers.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { describeEvents, eventually, jsonpath, podRow, podYaml } from "./pod-helpers";

const STRESS = (extra = "", meta = "") =>
  podYaml(
    "pod-stress",
    `  containers:
  - name: c1
    image: polinux/stress
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
${extra}`,
    meta,
  );

async function gone(k: Sandbox, name: string, ns = "default"): Promise<boolean> {
  const r = await k.kubectl(["get", "pod", name, "-n", ns, "--ignore-not-found", "-o", "name"]);
  return r.code === 0 && r.stdout.trim() === "";
}

describe("pods on a cluster with realistic timings", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "realistic" });
  });

  it("kubectl run nginx1 reaches Running, with a fresh pull in its events", async () => {
    const run = await k.kubectl(["run", "nginx1", "--image=nginx:1.15-alpine"]);
    expect(run).toMatchObject({ code: 0, stdout: "pod/nginx1 created\n" });
    const first = await podRow(k, "nginx1");
    expect(first?.ready).toBe("0/1");
    expect(["Pending", "ContainerCreating"]).toContain(first?.status);
    await k.advance(30);
    expect(await podRow(k, "nginx1")).toEqual({ name: "nginx1", ready: "1/1", status: "Running", restarts: 0 });

    const wide = await k.kubectl(["get", "pods", "-o", "wide", "--no-headers"]);
    const [, , , , , ip, node] = wide.stdout.trim().split(/\s+/);
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(node).toMatch(/^k8s-(master[123]|worker1)$/);

    const events = await describeEvents(k, "nginx1");
    expect(events.map((e) => e.reason)).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    expect(events[0]).toMatchObject({ from: "default-scheduler", message: `Successfully assigned default/nginx1 to ${node}` });
    expect(events[1]).toMatchObject({ from: "kubelet", message: 'Pulling image "nginx:1.15-alpine"' });
    const pulled = /^Successfully pulled image "nginx:1\.15-alpine" in ([\d.]+)s \(([\d.]+)s including waiting\)\. Image size: \d+ bytes\.$/.exec(events[2].message);
    expect(pulled, events[2].message).not.toBeNull();
    // a first pull of a real image takes seconds, not milliseconds
    expect(Number(pulled?.[1])).toBeGreaterThanOrEqual(1);
    expect(events[3].message).toBe("Created container nginx1");
    expect(events[4].message).toBe("Started container nginx1");
  });

  it("pulls polinux/stress again under the default policy, and uses the node's copy with IfNotPresent", async () => {
    const f = k.file("pod1.yml", STRESS());
    expect((await k.kubectl(["apply", "-f", f])).stdout).toBe("pod/pod-stress created\n");
    await k.advance(30);
    expect(await podRow(k, "pod-stress")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
    const node = await jsonpath(k, "pod-stress", ".spec.nodeName");
    const fresh = await describeEvents(k, "pod-stress");
    expect(fresh.map((e) => e.reason)).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    expect(fresh[2].message).toMatch(/^Successfully pulled image "polinux\/stress" in [\d.]+m?s /);

    // stress ignores SIGTERM as PID 1: deletion takes the whole 30 s grace period
    expect((await k.kubectl(["delete", "-f", f, "--wait=false"])).stdout).toBe('pod "pod-stress" deleted\n');
    await k.advance(20);
    expect(await gone(k, "pod-stress")).toBe(false);
    await k.advance(12);
    await eventually("pod-stress deleted", () => gone(k, "pod-stress"));

    // the same node again (the course's cluster happened to pick it): tag latest means Always
    const onNode = `  nodeSelector:\n    kubernetes.io/hostname: ${node}\n`;
    k.file("pod1.yml", STRESS(onNode));
    await k.kubectl(["apply", "-f", f]);
    await k.advance(30);
    const again = await describeEvents(k, "pod-stress");
    expect(again.map((e) => e.reason)).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    await k.kubectl(["delete", "-f", f, "--wait=false"]);
    await k.advance(32);
    await eventually("pod-stress deleted", () => gone(k, "pod-stress"));

    k.file("pod1.yml", STRESS(`    imagePullPolicy: IfNotPresent\n${onNode}`));
    await k.kubectl(["apply", "-f", f]);
    await k.advance(5);
    const cached = await describeEvents(k, "pod-stress");
    expect(cached.map((e) => e.reason)).toEqual(["Scheduled", "Pulled", "Created", "Started"]);
    expect(cached[1]).toMatchObject({ type: "Normal", from: "kubelet", message: 'Container image "polinux/stress" already present on machine' });
    expect(await podRow(k, "pod-stress")).toMatchObject({ ready: "1/1", status: "Running" });
  });

  it("labels pods by command and by YAML, and selects them", async () => {
    expect(await k.kubectl(["get", "pods", "pod-stress", "--show-labels", "--no-headers"])).toMatchObject({ code: 0 });
    const labelled = await k.kubectl(["label", "pod", "pod-stress", "region=huanai", "zone=A", "env=test", "bussiness=game"]);
    expect(labelled.stdout).toBe("pod/pod-stress labeled\n");
    const shown = await k.kubectl(["get", "pods", "pod-stress", "--show-labels", "--no-headers"]);
    expect(shown.stdout.trim().split(/\s+/).pop()).toBe("bussiness=game,env=test,region=huanai,zone=A");
    expect((await k.kubectl(["get", "pods", "-l", "zone=A", "-o", "name"])).stdout).toBe("pod/pod-stress\n");
    expect((await k.kubectl(["get", "pods", "-l", "zone in (A,B,C)", "-o", "name"])).stdout).toBe("pod/pod-stress\n");
    expect((await k.kubectl(["get", "pods", "-l", "zone in (B,C)", "-o", "name"])).stdout).toBe("");
    await k.kubectl(["label", "pod", "pod-stress", "region-", "zone-", "env-", "bussiness-"]);
    const cleared = await k.kubectl(["get", "pods", "pod-stress", "--show-labels", "--no-headers"]);
    expect(cleared.stdout.trim().split(/\s+/).pop()).toBe("<none>");

    const node = await jsonpath(k, "pod-stress", ".spec.nodeName");
    const f = k.file("pod1.yml", STRESS(`    imagePullPolicy: IfNotPresent\n  nodeSelector:\n    kubernetes.io/hostname: ${node}\n`, "  labels:\n    env: dev\n    app: nginx\n"));
    expect((await k.kubectl(["apply", "-f", f])).stdout).toBe("pod/pod-stress configured\n");
    const yamlLabels = await k.kubectl(["get", "pods", "pod-stress", "--show-labels", "--no-headers"]);
    expect(yamlLabels.stdout.trim().split(/\s+/).pop()).toBe("app=nginx,env=dev");
    expect(await podRow(k, "pod-stress")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
  });
});

describe("scheduling and resources", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("a nodeSelector pod lands on the labelled node, every time", async () => {
    expect((await k.kubectl(["label", "nodes", "k8s-worker1", "bussiness=game"])).stdout).toBe("node/k8s-worker1 labeled\n");
    expect((await k.kubectl(["get", "nodes", "-l", "bussiness=game", "-o", "name"])).stdout).toBe("node/k8s-worker1\n");
    const docs = ["pod-nodeselect", "pod-nodeselect2", "pod-nodeselect3"].map((n) =>
      podYaml(n, "  nodeSelector:\n    bussiness: game\n  containers:\n  - name: nginx\n    image: nginx:1.15-alpine\n"),
    );
    // the first pod pulls the image; the others are created once it is on the node (pulls in flight
    // at the same moment would each report their own pull, as on a real node)
    await k.kubectl(["apply", "-f", k.file("pod-nodeselector.yml", docs[0])]);
    await k.advance(5);
    await k.kubectl(["apply", "-f", k.file("pod-nodeselector-more.yml", docs.slice(1).join("---\n"))]);
    await k.advance(5);
    for (const n of ["pod-nodeselect", "pod-nodeselect2", "pod-nodeselect3"]) {
      expect(await jsonpath(k, n, ".spec.nodeName")).toBe("k8s-worker1");
      expect(await podRow(k, n)).toMatchObject({ ready: "1/1", status: "Running" });
    }
    const events = await describeEvents(k, "pod-nodeselect3");
    expect(events[0]).toMatchObject({ reason: "Scheduled", from: "default-scheduler", message: "Successfully assigned default/pod-nodeselect3 to k8s-worker1" });
    // the first pod pulled the image on k8s-worker1; the others found it there
    expect(events[1]).toMatchObject({ reason: "Pulled", message: 'Container image "nginx:1.15-alpine" already present on machine' });
    const unlabel = await k.kubectl(["label", "nodes", "k8s-worker1", "bussiness-"]);
    expect(unlabel.stdout).toBe("node/k8s-worker1 unlabeled\n");
  });

  it("a nodeSelector no node matches waits, and is scheduled as soon as a node gets the label", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-ssd.yml", podYaml("pod-ssd", "  nodeSelector:\n    disktype: ssd\n  containers:\n  - name: nginx\n    image: nginx:1.15-alpine\n"))]);
    await k.advance(30);
    expect(await podRow(k, "pod-ssd")).toMatchObject({ ready: "0/1", status: "Pending" });
    const waiting = await describeEvents(k, "pod-ssd");
    expect(waiting).toEqual([
      {
        type: "Warning",
        reason: "FailedScheduling",
        from: "default-scheduler",
        message: "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
      },
    ]);
    await k.kubectl(["label", "node", "k8s-master2", "disktype=ssd"]);
    await eventually("pod-ssd scheduled", async () => (await jsonpath(k, "pod-ssd", ".spec.nodeName")) === "k8s-master2");
    await k.advance(2);
    expect(await podRow(k, "pod-ssd")).toMatchObject({ ready: "1/1", status: "Running" });
    await k.kubectl(["label", "node", "k8s-master2", "disktype-"]);
  });

  it("nodeName bypasses the scheduler: no Scheduled event", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-nodename.yml", podYaml("pod-nodename", "  nodeName: k8s-master3\n  containers:\n  - name: nginx\n    image: nginx:1.15-alpine\n"))]);
    await k.advance(5);
    expect(await podRow(k, "pod-nodename")).toMatchObject({ ready: "1/1", status: "Running" });
    expect(await jsonpath(k, "pod-nodename", ".spec.nodeName")).toBe("k8s-master3");
    const events = await describeEvents(k, "pod-nodename");
    expect(events.map((e) => e.reason)).toEqual(["Pulling", "Pulled", "Created", "Started"]);
    expect(events.every((e) => e.from === "kubelet")).toBe(true);
  });

  it("a pod too big for any node stays Pending with FailedScheduling", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-big.yml", podYaml("pod-big", '  containers:\n  - name: c1\n    image: nginx:1.15-alpine\n    resources:\n      requests:\n        memory: "100Gi"\n'))]);
    await k.advance(120);
    expect(await podRow(k, "pod-big")).toEqual({ name: "pod-big", ready: "0/1", status: "Pending", restarts: 0 });
    expect(await jsonpath(k, "pod-big", ".spec.nodeName")).toBe("");
    const events = await describeEvents(k, "pod-big");
    expect(events.map((e) => e.reason)).toEqual(["FailedScheduling"]);
    expect(events[0]).toMatchObject({
      type: "Warning",
      from: "default-scheduler",
      message: "0/4 nodes are available: 4 Insufficient memory. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.",
    });
    expect(await jsonpath(k, "pod-big", '.status.conditions[?(@.type=="PodScheduled")].reason')).toBe("Unschedulable");
    await k.kubectl(["delete", "pod", "pod-big"]);
  });

  it("memory limits: under the limit runs, over it is OOMKilled and restarted with back-off", async () => {
    const pod = (name: string, request: string, bytes: string) =>
      podYaml(
        name,
        `  containers:
  - name: c1
    image: polinux/stress
    imagePullPolicy: IfNotPresent
    resources:
      limits:
        memory: "200Mi"
      requests:
        memory: "${request}"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]
`,
        "  namespace: namespace1\n",
      );
    const ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: namespace1\n";
    expect((await k.kubectl(["apply", "-f", k.file("pod2.yml", `${ns}---\n${pod("pod-stress2", "100Mi", "150M")}`)])).stdout).toBe("namespace/namespace1 created\npod/pod-stress2 created\n");
    expect((await k.kubectl(["apply", "-f", k.file("pod3.yml", `${ns}---\n${pod("pod-stress3", "150Mi", "250M")}`)])).stdout).toBe("namespace/namespace1 unchanged\npod/pod-stress3 created\n");

    const seen = new Set<string>();
    let restarts = 0;
    for (let i = 0; i < 24; i++) {
      await k.advance(5);
      const row = await podRow(k, "pod-stress3", "namespace1");
      seen.add(row?.status ?? "");
      expect(row?.ready).toBe("0/1");
      expect(row?.restarts ?? 0).toBeGreaterThanOrEqual(restarts);
      restarts = row?.restarts ?? 0;
    }
    expect(seen).toContain("OOMKilled");
    expect(seen).toContain("CrashLoopBackOff");
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(await podRow(k, "pod-stress2", "namespace1")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });

    const d = await k.kubectl(["describe", "pod", "pod-stress3", "-n", "namespace1"]);
    expect(d.stdout).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137\n/);
    expect(d.stdout).toMatch(/Limits:\n\s+memory:\s+200Mi\n\s+Requests:\n\s+memory:\s+150Mi\n/);
    expect(d.stdout).toMatch(/QoS Class:\s+Burstable/);
    const events = await describeEvents(k, "pod-stress3", "namespace1");
    expect(events.find((e) => e.reason === "BackOff")?.message).toMatch(/^Back-off restarting failed container c1 in pod pod-stress3_namespace1\([0-9a-f-]{36}\)$/);
  });

  it("two containers in one pod; two nginx on port 80: c2 fails to bind and crash-loops", async () => {
    const c = (n: string) => `  - name: ${n}\n    image: polinux/stress\n    imagePullPolicy: IfNotPresent\n    resources:\n      limits:\n        memory: "200Mi"\n      requests:\n        memory: "100Mi"\n    command: ["stress"]\n    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]\n`;
    await k.kubectl(["apply", "-f", k.file("pod4.yml", podYaml("pod-stress4", `  containers:\n${c("c1")}${c("c2")}`))]);
    await k.advance(5);
    expect(await podRow(k, "pod-stress4")).toMatchObject({ ready: "2/2", status: "Running", restarts: 0 });

    await k.kubectl(["apply", "-f", k.file("pod-nginx.yaml", podYaml("nginx2", "  containers:\n  - name: c1\n    image: nginx:1.15-alpine\n\n  - name: c2\n    image: nginx:1.15-alpine\n"))]);
    let crashLoop = false;
    for (let i = 0; i < 20 && !crashLoop; i++) {
      await k.advance(5);
      const row = await podRow(k, "nginx2");
      crashLoop = row?.status === "CrashLoopBackOff" && row.ready === "1/2" && row.restarts >= 2;
    }
    expect(crashLoop).toBe(true);
    const logs = await k.kubectl(["logs", "nginx2", "-c", "c2"]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] 1#1: bind\(\) to 0\.0\.0\.0:80 failed \(98: Address in use\)\nnginx: \[emerg\] bind\(\) to 0\.0\.0\.0:80 failed \(98: Address in use\)\n/);
    expect(logs.stdout).toMatch(/nginx: \[emerg\] still could not bind\(\)\n$/);
    const previous = await k.kubectl(["logs", "nginx2", "-c", "c2", "--previous"]);
    expect(previous.stdout).toContain("bind() to 0.0.0.0:80 failed (98: Address in use)");
    // without -c kubectl picks the first container, whose log is nginx serving
    const c1 = await k.kubectl(["logs", "nginx2"]);
    expect(c1.stderr).toBe('Defaulted container "c1" out of: c1, c2\n');
    expect(c1.stdout).not.toContain("Address in use");
    expect(await jsonpath(k, "nginx2", '.status.containerStatuses[?(@.name=="c1")].restartCount')).toBe("0");
    const events = await describeEvents(k, "nginx2");
    expect(events.some((e) => e.reason === "BackOff" && e.message.startsWith("Back-off restarting failed container c2 in pod nginx2_default("))).toBe(true);
    expect(events.filter((e) => e.reason === "Started").map((e) => e.message)).toEqual(["Started container c1", "Started container c2"]);
  });

});
