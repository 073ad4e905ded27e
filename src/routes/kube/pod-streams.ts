// pods/log, pods/exec and pods/attach: the simulated containers' output and shells, over HTTP and
// the v5.channel.k8s.io WebSocket protocol kubectl speaks.
import type { Pod } from "../../api/kinds";
import { ApiError, badRequest, invalid, notFound } from "../../api/status";
import { readLogs, execInPod, openExecSession, execSessionInput, attachInput, type ShellSession } from "../../sim/kubelet";
import type { KubeletHost } from "../../durable/kubelet-host";
import type { ResourceRequest } from "./request-info";
import { intQuery } from "./query";
import type { KubeContext } from "./resources";
import { bytesToText, textToBytes } from "../../sim/fs/bytes";

const PROTOCOL = "v5.channel.k8s.io";
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

export interface PodStreamDeps {
  kubelet: KubeletHost;
  pod(req: ResourceRequest): Pod;
  now(): number;
  /** after a client frame changed a pod: run what fell due and re-arm the alarm */
  settle?(): void;
  /** called when a pod's state changed outside a kubelet sync (exec, attach input) */
  subscribeLogs(podUid: string, onChange: () => void): () => void;
}

function containerOf(pod: Pod, requested: string | undefined): string {
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.name);
  if (requested) {
    if (!names.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
    return requested;
  }
  const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  if (annotated && names.includes(annotated)) return annotated;
  if ((pod.spec?.containers ?? []).length === 1) return pod.spec?.containers[0].name ?? "";
  throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${(pod.spec?.containers ?? []).map((c) => c.name).join(" ")}]`);
}

export function podLog(c: KubeContext, req: ResourceRequest, deps: PodStreamDeps): Response {
  const pod = deps.pod(req);
  const container = containerOf(pod, c.req.query("container"));
  const rec = deps.kubelet.record(pod.metadata.uid ?? "");
  const name = pod.metadata.name ?? "";
  if (!rec) throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ContainerCreating`);
  const num = (k: string) => intQuery(c, k);
  const sinceTime = c.req.query("sinceTime") ? Date.parse(c.req.query("sinceTime") ?? "") : undefined;
  if (sinceTime !== undefined && Number.isNaN(sinceTime)) throw badRequest(`sinceTime: parsing time ${JSON.stringify(c.req.query("sinceTime"))} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  const causes = [
    ["sinceSeconds", 1, "must be greater than 0"],
    ["tailLines", 0, "must be greater than or equal to 0"],
    ["limitBytes", 1, "must be greater than 0"],
  ].flatMap(([field, min, msg]) => {
    const v = num(String(field));
    return v !== undefined && v < Number(min) ? [{ reason: "FieldValueInvalid", message: `Invalid value: ${v}: ${String(msg)}`, field: String(field) }] : [];
  });
  if (causes.length) throw invalid("", "PodLogOptions", name, causes);
  const opts = {
    previous: c.req.query("previous") === "true",
    tailLines: num("tailLines"),
    sinceSeconds: num("sinceSeconds"),
    sinceTime,
    timestamps: c.req.query("timestamps") === "true",
    limitBytes: num("limitBytes"),
    now: deps.now(),
  };
  const source = deps.kubelet.logSource(pod.metadata.uid ?? "");
  const first = readLogs(rec.state, name, container, opts, source);
  if (!first.ok) throw badRequest(first.message);
  const headers = { "content-type": "text/plain", "content-encoding": "identity", "cache-control": "no-cache, no-transform" };
  if (c.req.query("follow") !== "true" || opts.previous) return new Response(first.text, { headers });

  // follow: send what is new after every change of the pod's simulated state, until the container stops
  const encoder = new TextEncoder();
  let sent = readLogs(rec.state, name, container, { timestamps: opts.timestamps }, source).ok ? allText(deps, pod, container, opts.timestamps) : "";
  let unsubscribe = (): void => undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first.text));
      unsubscribe = deps.subscribeLogs(pod.metadata.uid ?? "", () => {
        const now = allText(deps, pod, container, opts.timestamps);
        const fresh = now.startsWith(sent) ? now.slice(sent.length) : now;
        sent = now;
        try {
          if (fresh) controller.enqueue(encoder.encode(fresh));
          const st = deps.kubelet.record(pod.metadata.uid ?? "")?.state.containers.find((x) => x.name === container);
          if (!st || st.phase === "terminated") {
            unsubscribe();
            controller.close();
          }
        } catch {
          unsubscribe();
        }
      });
      // a followed pod wakes at every probe period again, so lines arrive when they are written
      deps.kubelet.notice(pod);
      deps.settle?.();
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(stream, { headers });
}

function allText(deps: PodStreamDeps, pod: Pod, container: string, timestamps: boolean): string {
  const rec = deps.kubelet.record(pod.metadata.uid ?? "");
  if (!rec) return "";
  const r = readLogs(rec.state, pod.metadata.name ?? "", container, { timestamps }, deps.kubelet.logSource(pod.metadata.uid ?? ""));
  return r.ok ? r.text : "";
}

/** Largest payload of one frame: a tar stream copied out of a pod is split rather than sent whole. */
const FRAME_PAYLOAD = 32 * 1024;

// Program output is text with escaped bytes (see sim/fs/bytes): textToBytes restores binary
// output byte for byte and is plain UTF-8 for text.
function frame(channel: number, data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === "string" ? textToBytes(data) : data;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = channel;
  out.set(bytes, 1);
  return out;
}

function exitStatus(code: number): string {
  if (code === 0) return JSON.stringify({ metadata: {}, status: "Success" });
  return JSON.stringify({
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [sim], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  });
}

function failure(message: string): string {
  return JSON.stringify({ metadata: {}, status: "Failure", message, reason: "InternalError", details: { causes: [{ message }] }, code: 500 });
}

export function podExecOrAttach(c: KubeContext, req: ResourceRequest, deps: PodStreamDeps): Response {
  const pod = deps.pod(req);
  // the API server checks the container before the kubelet is reached; kubectl shows these
  // errors from its SPDY fallback request, which is not a WebSocket upgrade
  const container = containerOf(pod, c.req.query("container"));
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const rec = deps.kubelet.record(pod.metadata.uid ?? "");
  const st = rec?.state.containers.find((x) => x.name === container);
  // the kubelet only finds running containers, and answers in plain text: kubectl shows
  // "error: unable to upgrade connection: container not found ("c2")" (kubectl prints the body whatever
  // the code, so the learner's mistake is a 400 here, not a server error)
  if (!rec || !st || st.phase !== "running") return new Response(`container not found (${JSON.stringify(container)})`, { status: 400, headers: { "content-type": "text/plain" } });
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw badRequest("Upgrade request required");
  }
  const offered = (c.req.header("sec-websocket-protocol") ?? "").split(",").map((s) => s.trim());
  if (!offered.includes(PROTOCOL)) throw badRequest(`unable to upgrade: no supported subprotocol in [${offered.join(" ")}]; supported: [${PROTOCOL}]`);
  const attach = req.subresource === "attach";
  const command = c.req.queries("command") ?? [];
  if (!attach && command.length === 0) throw badRequest("you must specify at least 1 command");
  const tty = c.req.query("tty") === "true";
  const stdin = c.req.query("stdin") === "true";
  const outChannel = STDOUT;
  const errChannel = tty ? STDOUT : STDERR;

  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  // with the standard binary type (recent compatibility dates) frames would arrive as Blobs
  server.binaryType = "arraybuffer";
  server.accept();
  let closed = false;
  const finish = (status: string) => {
    if (closed) return;
    closed = true;
    try {
      server.send(frame(ERROR, status));
      server.close(1000, "");
    } catch {
      // the client has gone
    }
  };
  const send = (channel: number, text: string) => {
    if (!text || closed) return;
    const bytes = textToBytes(tty ? text.replace(/\r?\n/g, "\r\n") : text);
    for (let at = 0; at < bytes.length; at += FRAME_PAYLOAD) server.send(frame(channel, bytes.subarray(at, at + FRAME_PAYLOAD)));
  };

  const current = () => {
    const r = deps.kubelet.record(pod.metadata.uid ?? "");
    if (!r) throw notFound("", "pods", pod.metadata.name ?? "");
    return r;
  };

  if (attach) {
    const unsubscribe = deps.subscribeLogs(pod.metadata.uid ?? "", () => {
      const s = deps.kubelet.record(pod.metadata.uid ?? "")?.state.containers.find((x) => x.name === container);
      if (!s || s.phase !== "running") {
        unsubscribe();
        finish(exitStatus(0));
      }
    });
    onFrames(server, (data) => {
      if (data.length === 0 || data[0] !== STDIN) return;
      const r = current();
      const out = attachInput(r.state, deps.kubelet.execInput(pod, r), container, new TextDecoder().decode(data.subarray(1)));
      if (out.error) return finish(failure(out.error.message));
      deps.kubelet.saveAfterExec(pod, r, out.state, out.volumes);
      send(outChannel, out.output);
      if (out.exitCode !== undefined) {
        unsubscribe();
        finish(exitStatus(0));
      }
    }, (m) => finish(failure(m)), deps.settle);
    server.addEventListener("close", () => unsubscribe());
    return upgraded(client);
  }

  let session: ShellSession | undefined;
  if (stdin && tty) {
    const r = current();
    const opened = openExecSession(r.state, deps.kubelet.execInput(pod, r), container, command, tty);
    if (!opened.error && opened.session) {
      session = opened.session;
      deps.kubelet.saveAfterExec(pod, r, opened.state, opened.volumes);
      send(outChannel, opened.output);
    }
  }
  const runOnce = (input: string) => {
    const r = current();
    const res = execInPod(r.state, deps.kubelet.execInput(pod, r), container, command, input);
    if (res.error) {
      // the kubelet's streaming server turns a runtime failure to start the process into an
      // InternalError status, which kubectl prints as "error: Internal error occurred: ..."
      if (res.error.code === "ExecFailed") return finish(failure(`Internal error occurred: error executing command in container: ${res.error.message}`));
      return finish(failure(res.error.message));
    }
    deps.kubelet.saveAfterExec(pod, r, res.state, res.volumes, res.wakeAt);
    for (const chunk of res.output) send(chunk.stream === "stdout" ? outChannel : errChannel, chunk.text);
    finish(exitStatus(res.exitCode ?? 0));
  };
  // without stdin, or a tty that is not a shell (`exec -it pod -- ls`), the command runs at once
  if (!stdin || (tty && !session)) {
    runOnce("");
    return upgraded(client);
  }
  // piped stdin may be binary (kubectl cp sends a tar stream): keep the bytes, decode once at its end
  const buffered: Uint8Array[] = [];
  const typed = new TextDecoder();
  onFrames(server, (data) => {
    if (data.length === 0) return;
    if (data[0] === RESIZE) return;
    if (data[0] === CLOSE) {
      if (data[1] === STDIN && !session) runOnce(bytesToText(concat(buffered)));
      return;
    }
    if (data[0] !== STDIN) return;
    if (!session) {
      buffered.push(data.slice(1));
      return;
    }
    const text = typed.decode(data.subarray(1), { stream: true });
    const r = current();
    const res = execSessionInput(r.state, deps.kubelet.execInput(pod, r), container, session, text);
    if (res.error) return finish(failure(res.error.message));
    session = res.session;
    deps.kubelet.saveAfterExec(pod, r, res.state, res.volumes);
    send(outChannel, res.output);
    if (res.exitCode !== undefined) finish(exitStatus(res.exitCode));
  }, (m) => finish(failure(m)), deps.settle);
  return upgraded(client);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function upgraded(client: WebSocket): Response {
  return new Response(null, { status: 101, webSocket: client, headers: { "Sec-WebSocket-Protocol": PROTOCOL } });
}

/** Client frames, in order, as bytes (a Blob, should one arrive, is read before later frames). */
function onFrames(ws: WebSocket, handle: (data: Uint8Array) => void, fail: (message: string) => void, settle?: () => void): void {
  let chain: Promise<void> = Promise.resolve();
  const guarded = (data: Uint8Array): void => {
    try {
      handle(data);
    } catch (e) {
      // the pod went away or its state broke: end the session with a status, never hang it
      fail(e instanceof Error ? e.message : String(e));
    }
    settle?.();
  };
  ws.addEventListener("message", (ev) => {
    const raw: unknown = ev.data;
    if (raw instanceof Blob) {
      chain = chain.then(async () => guarded(new Uint8Array(await raw.arrayBuffer())));
      return;
    }
    chain = chain.then(() => guarded(toBytes(raw)));
  });
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === "string") return new TextEncoder().encode(data);
  return new Uint8Array();
}

export { ApiError };
