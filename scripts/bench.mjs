// `npm run bench`: figures measured on Miniflare directly (no wrangler dev proxy in the way).
// Prints latency, throughput and memory; targets are in the issues, not asserted here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Agent, request } from "node:http";
import { Miniflare } from "miniflare";

const ONLY = process.argv.slice(2);
const want = (name) => ONLY.length === 0 || ONLY.includes(name);
const ADMIN = { authorization: "Bearer dev-admin-token", "content-type": "application/json" };
const BASE = "https://bench.local";

function bundle() {
  const out = mkdtempSync(join(tmpdir(), "k8s-sandbox-bench-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], {
    stdio: "ignore",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" },
  });
  return out;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;
const line = (label, value) => console.log(`${label.padEnd(58)} ${value}`);

function workerdRssKb() {
  // workerd runs as a child of this process; sum the resident memory of every workerd we started
  let total = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.split(") ")[1].split(" ")[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (ppid === process.pid && cmd.includes("workerd")) {
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        total += rss ? Number(rss[1]) : 0;
      }
    } catch {
      // process went away
    }
  }
  return total;
}

/**
 * A keep-alive HTTP/1.1 client straight to Miniflare's socket, as a load tool would be: Miniflare's own
 * dispatchFetch spends about 0.8 ms of Node's CPU per request, which would cap every figure near 1200/s.
 */
function leanClient(base) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  return (host, method, path, headers = {}, body = undefined) =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: base.hostname, port: base.port, method, path, agent, headers: { host, ...headers, ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }) } },
        (res) => {
          const chunks = [];
          res.on("data", (chunk) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}

/** a fresh service per section, so that one section's clusters do not weigh on the next one's figures */
async function startService(dir) {
  const app = {
    name: "app",
    modules: true,
    scriptPath: join(dir, "index.js"),
    modulesRoot: dir,
    modulesRules: [{ type: "Text", include: ["**/*.sql"] }],
    compatibilityDate: "2026-04-26",
    compatibilityFlags: ["nodejs_compat"],
    durableObjects: { CLUSTER: { className: "ClusterObject", useSQLite: true }, REGISTRY: { className: "RegistryObject", useSQLite: true } },
    // capacity, not policy, is measured: the per-cluster rate limit (1000 requests/s by default) is lifted
    bindings: { ALLOW_DEV_ADMIN_TOKEN: "true", OBJECT_QUOTA: "200000", DEFAULT_TTL_SECONDS: "0", RATE_LIMIT_RPS: "1000000", RATE_LIMIT_BURST: "1000000" },
  };
  const mf = new Miniflare({
    workers: [
      app,
      // the in-process client, and a Worker that answers at once (what the harness alone can carry)
      { name: "load", modules: true, scriptPath: fileURLToPath(new URL("./bench-load-worker.js", import.meta.url)), compatibilityDate: "2026-04-26", serviceBindings: { APP: "app" } },
      { name: "echo", modules: true, routes: ["echo.local/*"], script: "export default { async fetch(r) { await r.arrayBuffer(); return new Response('{}', { status: 201 }); } }", compatibilityDate: "2026-04-26" },
    ],
  });
  await mf.ready;
  const fetch = (url, init) => mf.dispatchFetch(url, init);
  const createCluster = async (body = {}) => {
    const r = await fetch(`${BASE}/v1/clusters`, { method: "POST", headers: ADMIN, body: JSON.stringify(body) });
    if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const api = (c, path, init = {}) => fetch(`${c.server}${path}`, { ...init, headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
  const advance = (c, s) => fetch(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: s }) });
  // more workers, registered like a kubelet does (node, then its status): the course's 4 nodes take 110 pods each
  const addWorkers = async (c, count) => {
    const worker = await (await api(c, "/api/v1/nodes/k8s-worker1")).json();
    for (let n = 2; n <= count + 1; n++) {
      const name = `k8s-worker${n}`;
      const node = structuredClone(worker);
      node.metadata = { name, labels: { ...worker.metadata.labels, "kubernetes.io/hostname": name } };
      node.spec = { ...worker.spec, podCIDR: `10.244.${n + 2}.0/24`, podCIDRs: [`10.244.${n + 2}.0/24`] };
      node.status.addresses = [{ type: "InternalIP", address: `192.168.10.${30 + n}` }, { type: "Hostname", address: name }];
      const created = await (await api(c, "/api/v1/nodes", { method: "POST", body: JSON.stringify(node) })).json();
      await (await api(c, `/api/v1/nodes/${name}/status`, { method: "PUT", body: JSON.stringify({ ...created, status: node.status }) })).arrayBuffer();
    }
  };
  return { mf, fetch, createCluster, api, advance, addWorkers };
}

  const TABLE = { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" };

async function main() {
  const dir = bundle();
  console.log("k8s-sandbox benchmark (Miniflare, single workerd process)\n");
  if (want("api")) {
    const { mf, createCluster, api, advance, addWorkers } = await startService(dir);
    const load = await mf.getWorker("load");
    const echoWorker = await mf.getWorker("echo");
    const http = leanClient(await mf.ready);
    /** requests/s of `n` requests made by `conc` clients inside workerd */
    const inProcess = async (job) => {
      const t0 = performance.now();
      const out = await (await load.fetch("https://load/", { method: "POST", body: JSON.stringify(job) })).json();
      if (out.failed) throw new Error(`in-process load: ${out.failed} of ${job.n} failed`);
      return job.n / ((performance.now() - t0) / 1000);
    };
    /** requests/s of `n` requests made by `conc` keep-alive HTTP clients from Node */
    const overHttp = async (n, conc, request) => {
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: conc }, async () => {
          for (let i = next++; i < n; i = next++) {
            const r = await request(i);
            if (r.status >= 300) throw new Error(`request ${i}: ${r.status} ${r.body.slice(0, 300)}`);
          }
        }),
      );
      return n / ((performance.now() - t0) / 1000);
    };
    const rate = (x) => x.toFixed(0);
    const newCluster = async () => {
      const r = await http("bench.local", "POST", "/v1/clusters", ADMIN, "{}");
      if (r.status !== 201) throw new Error(`create: ${r.status} ${r.body}`);
      return JSON.parse(r.body);
    };

    // the figures are those of a warm isolate, as a deployed service's would be: each run is done once unmeasured
    const c = await newCluster();
    const N = 2000;
    const auth = { authorization: `Bearer ${c.token}`, "content-type": "application/json" };
    const collection = `/clusters/${c.id}/api/v1/namespaces/default/configmaps`;
    const cmBody = (name) => JSON.stringify({ metadata: { name }, data: { k: "v" } });
    const postCm = (prefix) => (i) => http("bench.local", "POST", collection, auth, cmBody(`${prefix}-${i}`));
    const cmJob = (prefix, conc) => ({ n: N, conc, method: "POST", url: `https://bench.local${collection}`, headers: auth, body: cmBody(`${prefix}-{i}`) });
    await overHttp(N, 8, postCm("warm"));
    await inProcess(cmJob("warm-in", 8));
    line(`creates/s, ${N} ConfigMaps, 8 HTTP clients`, rate(await overHttp(N, 8, postCm("cmc"))));
    line(`creates/s, ${N} ConfigMaps, 1 HTTP client`, rate(await overHttp(N, 1, postCm("cm"))));
    line(`creates/s, ${N} ConfigMaps, 8 clients inside workerd`, rate(await inProcess(cmJob("cmi", 8))));
    const viaDispatch = (i) =>
      api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: cmBody(`cmd-${i}`) }).then(async (r) => ({ status: r.status, body: await r.text() }));
    line(`creates/s, ${N} ConfigMaps, 8 clients through Miniflare's dispatchFetch`, rate(await overHttp(N, 8, viaDispatch)));
    const getCm = (i) => http("bench.local", "GET", `${collection}/cm-${i % 1000}`, auth);
    line(`GETs/s, ${N} ConfigMaps, 8 HTTP clients`, rate(await overHttp(N, 8, getCm)));
    line(`GETs/s, ${N} ConfigMaps, 1 HTTP client`, rate(await overHttp(N, 1, getCm)));
    const echo = (i) => http("echo.local", "POST", "/", { "content-type": "application/json" }, cmBody(`e-${i}`));
    line("harness ceiling: POST/s to a Worker that does nothing, 8 HTTP clients", rate(await overHttp(N, 8, echo)));
    const echoDispatch = (i) => echoWorker.fetch("https://echo.local/", { method: "POST", body: cmBody(`e-${i}`) }).then(async (r) => ({ status: r.status, body: await r.text() }));
    line("  the same through Miniflare's dispatchFetch", rate(await overHttp(N, 8, echoDispatch)));

    // after the throughput runs: each new cluster keeps the isolate busy for a while starting its system pods
    const readiness = async () => {
      const t0 = performance.now();
      const c = await newCluster();
      const r = await http("bench.local", "GET", `/clusters/${c.id}/api/v1/namespaces/default/pods`, { authorization: `Bearer ${c.token}` });
      if (r.status !== 200) throw new Error(`first answer: ${r.status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 10; i++) await readiness();
    const ready = [];
    for (let i = 0; i < 100; i++) ready.push(await readiness());
    line("cluster create → first API answer p50 / p99 (100 clusters)", `${ms(pct(ready, 50))} / ${ms(pct(ready, 99))}`);


    for (const size of [1000, 10000]) {
      const lc = await createCluster();
      for (let i = 0; i < size; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, size - i) }, (_, j) =>
            api(lc, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: `o-${i + j}`, labels: { n: String((i + j) % 7) } }, data: { a: "b" } }) }).then((r) => r.arrayBuffer()),
          ),
        );
      }
      const times = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const r = await api(lc, "/api/v1/namespaces/default/configmaps", { headers: TABLE });
        const body = await r.json();
        if (body.rows.length !== size) throw new Error(`table rows ${body.rows.length}`);
        times.push(performance.now() - s);
      }
      line(`list ${size} objects as Table p50`, ms(pct(times, 50)));
    }

    const wc = await createCluster();
    const watchers = [];
    for (let i = 0; i < 100; i++) {
      const r = await api(wc, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + (await (await api(wc, "/api/v1/namespaces/default/configmaps")).json()).metadata.resourceVersion);
      watchers.push(r.body.getReader());
    }
    const lat = [];
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      const waits = watchers.map(async (reader) => {
        let buf = "";
        while (!buf.includes("\n")) {
          const { value } = await reader.read();
          buf += new TextDecoder().decode(value);
        }
        lat.push(performance.now() - t);
      });
      await api(wc, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: `w-${round}` } }) });
      await Promise.all(waits);
    }
    for (const r of watchers) await r.cancel();
    line("watch delivery latency, 100 watchers p50 / p99", `${ms(pct(lat, 50))} / ${ms(pct(lat, 99))}`);
    await mf.dispose();
  }

  if (want("memory")) {
    const { mf, createCluster, api, advance, addWorkers } = await startService(dir);
    const before = workerdRssKb();
    const ids = [];
    for (let i = 0; i < 1000; i++) ids.push(await createCluster());
    const after = workerdRssKb();
    line("resident memory per cluster, 1000 clusters just created", `${((after - before) / 1024 / 1000).toFixed(3)} MB (workerd RSS ${Math.round(before / 1024)} → ${Math.round(after / 1024)} MB)`);
    // the runtime evicts Durable Objects that have been idle for a while; what stays is the idle cost
    await new Promise((r) => setTimeout(r, 75_000));
    const idle = workerdRssKb();
    line("resident memory per cluster, same clusters after 75 s idle", `${((idle - before) / 1024 / 1000).toFixed(3)} MB (workerd RSS ${Math.round(idle / 1024)} MB)`);
    await mf.dispose();
  }

  if (want("pods")) {
    const { mf, createCluster, api, advance, addWorkers } = await startService(dir);
    for (const n of [100, 1000]) {
      const c = await createCluster({ profile: "fast" });
      // 1000 pods (and the system pods) need 10 nodes of 110 pods
      if (n > 400) await addWorkers(c, 6);
      const t0 = performance.now();
      for (let i = 0; i < n; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, n - i) }, (_, j) =>
            api(c, "/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify({ metadata: { name: `p-${i + j}` }, spec: { containers: [{ name: "c", image: "nginx:1.15-alpine", resources: { requests: { cpu: "1m", memory: "1Mi" } } }] } }) }).then((r) => r.arrayBuffer()),
          ),
        );
      }
      for (;;) {
        await advance(c, 1);
        const list = await (await api(c, "/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DRunning")).json();
        if (list.items.length >= n) break;
        if (performance.now() - t0 > 600_000) throw new Error("pods never all Running");
      }
      line(`${n} pods created → all Running (fast profile, wall)`, ms(performance.now() - t0));
      if (n === 100) {
        const s = performance.now();
        await advance(c, 3600);
        line("clock advance of 1 hour, 100 pods", ms(performance.now() - s));
      }
    }
    // the course's health checks: every probe period runs the kubelet for each pod
    const c = await createCluster({ profile: "fast" });
    const probe = { httpGet: { path: "/index.html", port: 80 }, periodSeconds: 10 };
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api(c, "/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify({ metadata: { name: `probed-${i}` }, spec: { containers: [{ name: "c", image: "nginx:1.15-alpine", livenessProbe: probe, readinessProbe: probe }] } }) }).then((r) => r.arrayBuffer()),
      ),
    );
    await advance(c, 5);
    const s = performance.now();
    await advance(c, 3600);
    line("clock advance of 1 hour, 100 pods with 2 probes each", ms(performance.now() - s));
    // the hour's probe requests are in nginx's access log: the first read after the advance pays for them
    const l0 = performance.now();
    const log = await (await api(c, "/api/v1/namespaces/default/pods/probed-0/log")).text();
    line(`first kubectl logs after the hour (${log.split("\n").length - 1} lines)`, ms(performance.now() - l0));
    await mf.dispose();
  }

  if (want("controllers")) {
    const { mf, createCluster, api, advance, addWorkers } = await startService(dir);
    const c = await createCluster({ profile: "fast" });
    const t0 = performance.now();
    const dep = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "big" }, spec: { replicas: 100, selector: { matchLabels: { app: "big" } }, template: { metadata: { labels: { app: "big" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.15-alpine", resources: { requests: { cpu: "1m", memory: "1Mi" } } }] } } } };
    await (await api(c, "/apis/apps/v1/namespaces/default/deployments", { method: "POST", body: JSON.stringify(dep) })).arrayBuffer();
    const done = async (image) => {
      for (;;) {
        await advance(c, 1);
        const d = await (await api(c, "/apis/apps/v1/namespaces/default/deployments/big")).json();
        const s = d.status ?? {};
        if (s.updatedReplicas === 100 && s.availableReplicas === 100 && s.replicas === 100 && d.spec.template.spec.containers[0].image === image) return;
        if (performance.now() - t0 > 600_000) throw new Error("rollout never finished");
      }
    };
    await done("nginx:1.15-alpine");
    line("100-replica Deployment created → available (fast, wall)", ms(performance.now() - t0));
    const t1 = performance.now();
    await (await api(c, "/apis/apps/v1/namespaces/default/deployments/big", { method: "PATCH", headers: { "content-type": "application/strategic-merge-patch+json" }, body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.16-alpine" }] } } } }) })).arrayBuffer();
    await done("nginx:1.16-alpine");
    line("100-replica Deployment rollout to completion (fast, wall)", ms(performance.now() - t1));

    // reconcile cost with 1000 pods: 10 Deployments and 10 (Parallel) StatefulSets of 50 replicas each,
    // on 10 nodes (the course's 4 take 110 pods each: 6 more workers, registered like a kubelet does)
    const m = await createCluster({ profile: "fast" });
    await addWorkers(m, 6);
    const tpl = (app) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: "nginx", image: "nginx:1.15-alpine", resources: { requests: { cpu: "1m", memory: "1Mi" } } }] } });
    const mix = [];
    for (let i = 0; i < 10; i++) {
      mix.push({ path: "deployments", name: `d${i}`, spec: { replicas: 50, selector: { matchLabels: { app: `d${i}` } }, template: tpl(`d${i}`) } });
      mix.push({ path: "statefulsets", name: `s${i}`, spec: { replicas: 50, serviceName: `s${i}`, podManagementPolicy: "Parallel", selector: { matchLabels: { app: `s${i}` } }, template: tpl(`s${i}`) } });
    }
    const settled = async (replicas, since) => {
      for (;;) {
        await advance(m, 1);
        const counts = await Promise.all(mix.map(async (w) => (await (await api(m, `/apis/apps/v1/namespaces/default/${w.path}/${w.name}`)).json()).status?.replicas ?? 0));
        const pods = (await (await api(m, "/api/v1/namespaces/default/pods")).json()).items.filter((p) => !p.metadata.deletionTimestamp).length;
        if (counts.every((n) => n === replicas) && pods === replicas * mix.length) return;
        if (performance.now() - since > 600_000) throw new Error("mix never settled");
      }
    };
    const t2 = performance.now();
    for (const w of mix) await (await api(m, `/apis/apps/v1/namespaces/default/${w.path}`, { method: "POST", body: JSON.stringify({ metadata: { name: w.name }, spec: w.spec }) })).arrayBuffer();
    await settled(50, t2);
    line("1000-pod Deployment/StatefulSet mix created → settled (fast, wall)", ms(performance.now() - t2));
    const t3 = performance.now();
    await advance(m, 60);
    line("clock advance of 1 minute, 1000-pod mix at rest", ms(performance.now() - t3));
    const t4 = performance.now();
    for (const w of mix) {
      await (await api(m, `/apis/apps/v1/namespaces/default/${w.path}/${w.name}/scale`, { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: JSON.stringify({ spec: { replicas: 49 } }) })).arrayBuffer();
    }
    await settled(49, t4);
    line("scale all 20 workloads 50 → 49 → settled (fast, wall)", ms(performance.now() - t4));
    await mf.dispose();
  }

  if (want("netsim")) {
    const { mf, createCluster, api, advance, addWorkers } = await startService(dir);
    // 1000 selector-less Services, each with a hand-written EndpointSlice of 5 endpoints (5000 in all)
    const c = await createCluster({ profile: "fast" });
    const SVCS = 1000;
    const ips = [];
    for (let i = 0; i < SVCS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, SVCS - i) }, async (_, j) => {
          const n = i + j;
          const r = await api(c, "/api/v1/namespaces/default/services", { method: "POST", body: JSON.stringify({ metadata: { name: `svc-${n}` }, spec: { ports: [{ name: "http", port: 80, targetPort: 8080 }] } }) });
          const svc = await r.json();
          ips[n] = svc.spec.clusterIP;
          const endpoints = Array.from({ length: 5 }, (_, e) => ({ addresses: [`10.244.${Math.floor(n / 50)}.${(n % 50) * 5 + e + 2}`], conditions: { ready: true } }));
          const slice = { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: `svc-${n}-x`, labels: { "kubernetes.io/service-name": `svc-${n}` } }, addressType: "IPv4", endpoints, ports: [{ name: "http", port: 8080, protocol: "TCP" }] };
          await (await api(c, "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", { method: "POST", body: JSON.stringify(slice) })).arrayBuffer();
        }),
      );
    }
    const timed = async (label, n, fn) => {
      await fn(0);
      const t0 = performance.now();
      for (let i = 1; i <= n; i++) await fn(i);
      line(label, (n / ((performance.now() - t0) / 1000)).toFixed(0));
    };
    await timed("baseline: GET one Service/s (same cluster)", 500, async (i) => {
      await (await api(c, `/api/v1/namespaces/default/services/svc-${(i * 7) % SVCS}`)).arrayBuffer();
    });
    await timed("netsim requests routed/s (1000 Services, 5000 endpoints)", 500, async (i) => {
      const r = await api(c, "/netsim/request", { method: "POST", body: JSON.stringify({ from: "node/k8s-master1", url: `http://${ips[(i * 7) % SVCS]}/` }) });
      const body = await r.json();
      if (!body.trace?.some((t) => t.kind === "dnat")) throw new Error(`no DNAT in trace: ${JSON.stringify(body).slice(0, 300)}`);
    });
    await timed("netsim DNS answers/s (same cluster)", 1000, async (i) => {
      const r = await api(c, `/netsim/dns?name=svc-${(i * 13) % SVCS}.default.svc.cluster.local&type=A`);
      const body = await r.json();
      if (body.answers?.length !== 1) throw new Error(`dns: ${JSON.stringify(body)}`);
    });
    const render = async (kind, label = kind) => {
      const times = [];
      let size = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const text = await (await api(c, `/netsim/nodes/k8s-master1/${kind}`)).text();
        times.push(performance.now() - s);
        size = text.length;
      }
      line(`render ${label} for k8s-master1: size / p50`, `${(size / 1024).toFixed(0)} KiB / ${ms(pct(times, 50))}`);
    };
    await render("iptables");
    // the course's section 6: mode ipvs in the ConfigMap, then new kube-proxy pods
    const cm = await (await api(c, "/api/v1/namespaces/kube-system/configmaps/kube-proxy")).json();
    cm.data["config.conf"] = cm.data["config.conf"].replace('mode: ""', 'mode: "ipvs"');
    await (await api(c, "/api/v1/namespaces/kube-system/configmaps/kube-proxy", { method: "PUT", body: JSON.stringify(cm) })).arrayBuffer();
    await (await api(c, "/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-proxy", { method: "DELETE" })).arrayBuffer();
    await advance(c, 10);
    await render("ipvs");
    await render("ipset");
    await render("iptables", "iptables (ipvs mode)");
    await mf.dispose();
  }

}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
