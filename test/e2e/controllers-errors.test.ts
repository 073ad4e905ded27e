// Bad input to the workload resources (the real server's 422 messages, and no controller work for
// what was refused), garbage collection of dependents and namespace deletion.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { advanceUntil, jsonpath, ok, table } from "./controllers-helpers";
import { CRONJOB, DEPLOYMENT_NGINX, STATEFULSET_WEB } from "./course-controllers";

const mismatched = (kind: string, name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.15-alpine
`;

async function refused(k: Sandbox, args: string[]): Promise<string> {
  const r = await k.kubectl(args);
  expect(r.code, `kubectl ${args.join(" ")}`).toBe(1);
  expect(r.stdout).toBe("");
  return r.stderr.trim();
}

describe("bad input gets the API server's messages", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("refuses a selector that does not match the template labels, and nothing runs", async () => {
    for (const kind of ["Deployment", "ReplicaSet", "StatefulSet"]) {
      const msg = await refused(k, ["apply", "-f", k.file(`bad-${kind}.yml`, mismatched(kind, "bad"))]);
      expect(msg).toContain(`The ${kind} "bad" is invalid: `);
      expect(msg).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
    }
    const ds = mismatched("DaemonSet", "bad").replace("  replicas: 1\n", "");
    expect(await refused(k, ["apply", "-f", k.file("bad-ds.yml", ds)])).toBe(
      'The DaemonSet "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    await k.advance(5);
    const none = await k.kubectl(["get", "deploy,rs,sts,ds,pods"]);
    expect(none.stderr.trim()).toBe("No resources found in default namespace.");
  });

  it("refuses negative replicas, from a manifest and through the scale subresource", async () => {
    const negative = DEPLOYMENT_NGINX.replace("replicas: 1", "replicas: -1");
    expect(await refused(k, ["apply", "-f", k.file("neg.yml", negative)])).toBe('The Deployment "deploy-nginx" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    await ok(k, ["apply", "-f", k.file("deployment-nginx.yml", DEPLOYMENT_NGINX)]);
    expect(await refused(k, ["scale", "deployment", "deploy-nginx", "--replicas=-1"])).toBe("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    expect(await refused(k, ["patch", "deployment", "deploy-nginx", "--subresource=scale", "-p", '{"spec":{"replicas":-1}}'])).toBe('The Scale "deploy-nginx" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(await refused(k, ["patch", "deployment", "deploy-nginx", "--type=merge", "-p", '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":0}}}}'])).toBe(
      'The Deployment "deploy-nginx" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
  });

  it("refuses a selector change: the selector is immutable", async () => {
    const patch = '{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}';
    expect(await refused(k, ["patch", "deployment", "deploy-nginx", "-p", patch])).toBe(
      'The Deployment "deploy-nginx" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    await ok(k, ["apply", "-f", k.file("web.yml", STATEFULSET_WEB)]);
    expect(await refused(k, ["patch", "sts", "web", "-p", patch])).toBe(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    expect(await jsonpath(k, ["get", "deploy", "deploy-nginx"], "{.spec.selector.matchLabels.app} {.metadata.generation}")).toBe("nginx 1");
  });

  it("refuses a partition out of range", async () => {
    expect(await refused(k, ["patch", "sts", "web", "-p", '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":-1}}}}'])).toBe(
      'The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(await refused(k, ["patch", "sts", "web", "--subresource=scale", "-p", '{"spec":{"replicas":-2}}'])).toBe('The Scale "web" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0');
  });

  it("refuses bad cron schedules and policies", async () => {
    const bad = (schedule: string) => CRONJOB.replace('"* * * * *"', `"${schedule}"`);
    expect(await refused(k, ["apply", "-f", k.file("cj1.yml", bad("61 * * * *"))])).toBe('The CronJob "cronjob1" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    expect(await refused(k, ["apply", "-f", k.file("cj2.yml", bad("hello"))])).toBe('The CronJob "cronjob1" is invalid: spec.schedule: Invalid value: "hello": expected exactly 5 fields, found 1: [hello]');
    const policy = CRONJOB.replace('  schedule: "* * * * *"\n', '  schedule: "* * * * *"\n  concurrencyPolicy: Sometimes\n');
    expect(await refused(k, ["apply", "-f", k.file("cj3.yml", policy)])).toBe('The CronJob "cronjob1" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"');
    const none = await k.kubectl(["get", "cronjobs,jobs"]);
    expect(none.stderr.trim()).toBe("No resources found in default namespace.");
  });

  it("refuses negative completions and parallelism of a Job", async () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: neg
spec:
  completions: -1
  parallelism: -1
  template:
    spec:
      containers:
      - name: c
        image: busybox
        command: ["true"]
      restartPolicy: Never
`;
    const msg = await refused(k, ["apply", "-f", k.file("neg-job.yml", job)]);
    expect(msg).toContain('The Job "neg" is invalid: ');
    expect(msg).toContain("spec.parallelism: Invalid value: -1: must be greater than or equal to 0");
    expect(msg).toContain("spec.completions: Invalid value: -1: must be greater than or equal to 0");
  });
});

describe("garbage collection and namespace deletion", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("orphans the ReplicaSet and pods with --cascade=orphan", async () => {
    await ok(k, ["create", "deployment", "web", "--image=nginx:1.15-alpine", "--replicas=2"]);
    await advanceUntil(k, async () => (await k.kubectl(["get", "deploy", "web", "-o", "jsonpath={.status.availableReplicas}"])).stdout === "2", { what: "web up" });
    const rsName = (await table(k, ["get", "rs", "-l", "app=web"])).rows[0].NAME;
    expect(await ok(k, ["delete", "deployment", "web", "--cascade=orphan"])).toBe('deployment.apps "web" deleted\n');
    await k.advance(3);
    expect(await jsonpath(k, ["get", "rs", rsName], "{.metadata.ownerReferences}")).toBe("");
    expect((await table(k, ["get", "pods", "-l", "app=web"])).rows).toHaveLength(2);
    await ok(k, ["delete", "rs", rsName]);
    await advanceUntil(k, async () => (await k.kubectl(["get", "pods", "-l", "app=web"])).stderr.includes("No resources found"), { what: "pods of the rs gone" });
  });

  it("deletes dependents first with --cascade=foreground", async () => {
    // `sleep` as PID 1 ignores SIGTERM: the pod holds its owners for the whole grace period
    await ok(k, ["create", "deployment", "fg", "--image=busybox", "--", "sleep", "3600"]);
    await advanceUntil(k, async () => (await k.kubectl(["get", "deploy", "fg", "-o", "jsonpath={.status.availableReplicas}"])).stdout === "1", { what: "fg up" });
    await ok(k, ["delete", "deployment", "fg", "--cascade=foreground", "--wait=false"]);
    await k.advance(1);
    expect(await jsonpath(k, ["get", "deploy", "fg"], "{.metadata.finalizers}")).toBe('["foregroundDeletion"]');
    const rs = (await table(k, ["get", "rs", "-l", "app=fg"])).rows[0];
    expect(await jsonpath(k, ["get", "rs", rs.NAME], "{.metadata.deletionTimestamp}")).not.toBe("");
    expect((await table(k, ["get", "pods", "-l", "app=fg"])).rows[0].STATUS).toBe("Terminating");
    await k.advance(31);
    await advanceUntil(k, async () => (await k.kubectl(["get", "deploy,rs,pods", "-l", "app=fg"])).stderr.includes("No resources found"), { what: "fg gone" });
    expect((await k.kubectl(["get", "deploy", "fg"])).stderr.trim()).toBe('Error from server (NotFound): deployments.apps "fg" not found');
  });

  it("`kubectl delete ns x` passes through Terminating and removes everything in it", async () => {
    await ok(k, ["create", "namespace", "x"]);
    await ok(k, ["-n", "x", "create", "deployment", "web", "--image=nginx:1.15-alpine", "--replicas=2"]);
    await ok(k, ["-n", "x", "apply", "-f", k.file("web-x.yml", STATEFULSET_WEB)]);
    await ok(k, ["-n", "x", "create", "configmap", "cfg", "--from-literal=a=b"]);
    await advanceUntil(k, async () => (await k.kubectl(["-n", "x", "get", "pods", "--no-headers"])).stdout.trim().split("\n").filter((l) => /\s1\/1\s+Running/.test(l)).length === 5, { what: "x populated" });
    const pvs = (await table(k, ["get", "pv"])).rows.filter((r) => r.CLAIM.startsWith("x/")).map((r) => r.NAME);
    expect(pvs).toHaveLength(3);

    expect(await ok(k, ["delete", "ns", "x", "--wait=false"])).toBe('namespace "x" deleted\n');
    const ns = await table(k, ["get", "ns", "x"]);
    expect(ns.rows[0]).toMatchObject({ NAME: "x", STATUS: "Terminating" });
    const refusedCreate = await k.kubectl(["-n", "x", "create", "configmap", "late"]);
    expect(refusedCreate.stderr.trim()).toBe('error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace x because it is being terminated');

    await advanceUntil(k, async () => (await k.kubectl(["get", "ns", "x"])).stderr.includes("NotFound"), { what: "namespace gone" });
    expect((await k.kubectl(["get", "ns", "x"])).stderr.trim()).toBe('Error from server (NotFound): namespaces "x" not found');
    const left = await k.kubectl(["-n", "x", "get", "all,cm,pvc"]);
    expect(left.stdout).toBe("");
    expect(left.stderr.trim()).toBe("No resources found in x namespace.");
    // the claims went with the namespace, and their dynamically provisioned volumes (reclaim Delete) with them
    await advanceUntil(k, async () => {
      const names = (await k.kubectl(["get", "pv", "-o", "name"])).stdout;
      return pvs.every((p) => !names.includes(p));
    }, { what: "volumes reclaimed" });
  });

  it("`kubectl delete ns` waits until the namespace is gone", async () => {
    await ok(k, ["create", "namespace", "y"]);
    await ok(k, ["-n", "y", "create", "deployment", "web", "--image=nginx:1.15-alpine"]);
    await k.advance(3);
    const started = Date.now();
    expect(await ok(k, ["delete", "ns", "y"])).toBe('namespace "y" deleted\n');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await k.kubectl(["get", "ns", "y"])).stderr.trim()).toBe('Error from server (NotFound): namespaces "y" not found');
  });
});
