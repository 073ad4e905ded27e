// crictl (v1.31) against the node's containerd: ps, pods, images, logs, version.
import { registerCommand } from "../shell/registry";
import type { CmdContext } from "../shell/types";
import type { RuntimeContainer, RuntimeView } from "./runtime-view";

/** go-units' HumanDuration, which crictl's CREATED column uses */
export function goHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units' HumanSizeWithPrecision(size, 3): decimal units */
export function goHumanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

/** text/tabwriter with crictl's settings: minimum width 20, padding 3, the last column unpadded */
export function tabwrite(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => { if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 20, cell.length + 3); });
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join("") + "\n").join("");
}

const short = (id: string): string => id.replace(/^sha256:/, "").slice(0, 13);

function runtime(ctx: CmdContext): RuntimeView | undefined {
  const view = ctx.sys.containerRuntime?.();
  if (!view) ctx.err('time="" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error"\n');
  return view;
}

function options(args: string[]): { flags: Set<string>; values: Map<string, string>; operands: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  const withValue = new Set(["name", "pod", "state", "tail", "label", "namespace", "o", "output", "image", "since"]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      operands.push(a);
      continue;
    }
    const name = m[1];
    if (m[2] !== undefined) values.set(name, m[2]);
    else if (withValue.has(name)) values.set(name, args[++i] ?? "");
    else if (/^-[a-z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else flags.add(name);
  }
  return { flags, values, operands };
}

function byNewest<T extends { createdAt: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => b.createdAt - a.createdAt);
}

function ps(ctx: CmdContext, view: RuntimeView, args: string[]): number {
  const { flags, values } = options(args);
  const all = flags.has("a") || flags.has("all");
  const name = values.get("name");
  const pod = values.get("pod");
  const state = values.get("state")?.toLowerCase();
  let list: RuntimeContainer[] = view.containers.filter((c) => all || state || c.state === "Running");
  if (name) list = list.filter((c) => new RegExp(name).test(c.name));
  if (pod) list = list.filter((c) => c.podId.startsWith(pod));
  if (state) list = list.filter((c) => c.state.toLowerCase() === state);
  list = byNewest(list);
  if (flags.has("q") || flags.has("quiet")) {
    ctx.out(list.map((c) => `${c.id}\n`).join(""));
    return 0;
  }
  const rows = [["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD"]];
  for (const c of list) rows.push([short(c.id), short(c.imageId), `${goHumanDuration(ctx.now - c.createdAt)} ago`, c.state, c.name, String(c.attempt), short(c.podId), c.podName]);
  ctx.out(tabwrite(rows));
  return 0;
}

function pods(ctx: CmdContext, view: RuntimeView, args: string[]): number {
  const { flags, values } = options(args);
  let list = view.sandboxes;
  const name = values.get("name");
  const ns = values.get("namespace");
  if (name) list = list.filter((s) => new RegExp(name).test(s.name));
  if (ns) list = list.filter((s) => new RegExp(ns).test(s.namespace));
  list = byNewest(list);
  if (flags.has("q") || flags.has("quiet")) {
    ctx.out(list.map((s) => `${s.id}\n`).join(""));
    return 0;
  }
  const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
  for (const s of list) rows.push([short(s.id), `${goHumanDuration(ctx.now - s.createdAt)} ago`, s.state, s.name, s.namespace, String(s.attempt), "(default)"]);
  ctx.out(tabwrite(rows));
  return 0;
}

function images(ctx: CmdContext, view: RuntimeView, args: string[]): number {
  const { flags } = options(args);
  const list = [...view.images].sort((a, b) => (a.ref < b.ref ? -1 : 1));
  if (flags.has("q") || flags.has("quiet")) {
    ctx.out(list.map((i) => `${i.id}\n`).join(""));
    return 0;
  }
  const rows = [["IMAGE", "TAG", "IMAGE ID", "SIZE"]];
  for (const i of list) {
    const colon = i.ref.lastIndexOf(":");
    rows.push([i.ref.slice(0, colon), i.ref.slice(colon + 1), short(i.id), goHumanSize(i.size)]);
  }
  ctx.out(tabwrite(rows));
  return 0;
}

function logs(ctx: CmdContext, view: RuntimeView, args: string[]): number {
  const { flags, values, operands } = options(args);
  const id = operands[0];
  if (!id) {
    ctx.err('time="" level=fatal msg="ID cannot be empty"\n');
    return 1;
  }
  const matches = view.containers.filter((c) => c.id.startsWith(id));
  if (matches.length !== 1) {
    ctx.err(`time="" level=fatal msg="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`);
    return 1;
  }
  const tail = values.has("tail") ? Number(values.get("tail")) : undefined;
  ctx.out(view.logs(matches[0].id, { tail: tail !== undefined && tail >= 0 ? tail : undefined, timestamps: flags.has("t") || flags.has("timestamps") }) ?? "");
  return 0;
}

registerCommand("crictl", {
  run(ctx) {
    const [cmd, ...rest] = ctx.argv.slice(1);
    if (cmd === "version") {
      ctx.out("Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v1.7.22\nRuntimeApiVersion:  v1\n");
      return { status: 0 };
    }
    const known: Record<string, (c: CmdContext, v: RuntimeView, a: string[]) => number> = { ps, pods, images, img: images, logs };
    const run = cmd ? known[cmd] : undefined;
    if (!run) {
      ctx.err(cmd ? `No help topic for '${cmd}'\n` : "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n");
      return { status: cmd ? 3 : 0 };
    }
    const view = runtime(ctx);
    if (!view) return { status: 1 };
    return { status: run(ctx, view, rest) };
  },
});
