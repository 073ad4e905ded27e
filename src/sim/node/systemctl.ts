// systemctl on a kubeadm node (CentOS 7, systemd 219): the units a learner checks. The kubelet and
// containerd run since the node booted; firewalld was disabled when the node was prepared; Docker
// is not installed (the runtime is containerd).
import { registerCommand } from "../shell/registry";
import type { CmdContext } from "../shell/types";

interface Unit {
  name: string;
  description: string;
  path: string;
  enabled: boolean;
  running: boolean;
  program: string;
  cmdline: string;
  docs?: string;
  dropIn?: string[];
  memory: string;
  tasks: number;
}

const UNITS: Unit[] = [
  {
    name: "kubelet", description: "kubelet: The Kubernetes Node Agent", path: "/usr/lib/systemd/system/kubelet.service", enabled: true, running: true, program: "kubelet",
    cmdline: "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10",
    docs: "https://kubernetes.io/docs/", dropIn: ["/usr/lib/systemd/system/kubelet.service.d", "10-kubeadm.conf"], memory: "58.4M", tasks: 15,
  },
  { name: "containerd", description: "containerd container runtime", path: "/usr/lib/systemd/system/containerd.service", enabled: true, running: true, program: "containerd", cmdline: "/usr/bin/containerd", docs: "https://containerd.io", memory: "61.2M", tasks: 64 },
  { name: "sshd", description: "OpenSSH server daemon", path: "/usr/lib/systemd/system/sshd.service", enabled: true, running: true, program: "sshd", cmdline: "/usr/sbin/sshd -D", docs: "man:sshd(8) man:sshd_config(5)", memory: "4.1M", tasks: 1 },
  { name: "chronyd", description: "NTP client/server", path: "/usr/lib/systemd/system/chronyd.service", enabled: true, running: true, program: "chronyd", cmdline: "/usr/sbin/chronyd", docs: "man:chronyd(8) man:chrony.conf(5)", memory: "1.2M", tasks: 1 },
  { name: "firewalld", description: "firewalld - dynamic firewall daemon", path: "/usr/lib/systemd/system/firewalld.service", enabled: false, running: false, program: "firewalld", cmdline: "", docs: "man:firewalld(1)", memory: "", tasks: 0 },
];

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** systemd's "Fri 2026-11-27 03:48:37 UTC" and "1h 2min ago" */
function since(bootedAt: number, now: number): string {
  const d = new Date(bootedAt);
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
  let s = Math.max(0, Math.floor((now - bootedAt) / 1000));
  const parts: string[] = [];
  const days = Math.floor(s / 86400); s %= 86400;
  const hours = Math.floor(s / 3600); s %= 3600;
  const minutes = Math.floor(s / 60); s %= 60;
  if (days) parts.push(`${days} day${days > 1 ? "s" : ""}`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}min`);
  if (!days && !hours && (s || !parts.length)) parts.push(`${s}s`);
  return `${stamp}; ${parts.slice(0, 2).join(" ")} ago`;
}

function findUnit(arg: string): Unit | undefined {
  const name = arg.replace(/\.service$/, "");
  return UNITS.find((u) => u.name === name);
}

function status(ctx: CmdContext, u: Unit): number {
  const pid = ctx.sys.processes().find((p) => p.cmd === u.program)?.pid ?? 1000;
  const booted = ctx.sys.bootedAt ?? ctx.now;
  const lines = [
    `${u.running ? "●" : "○"} ${u.name}.service - ${u.description}`,
    `   Loaded: loaded (${u.path}; ${u.enabled ? "enabled" : "disabled"}; vendor preset: ${u.name === "sshd" || u.name === "chronyd" || u.name === "firewalld" ? "enabled" : "disabled"})`,
  ];
  if (u.dropIn) lines.push(`  Drop-In: ${u.dropIn[0]}`, `           └─${u.dropIn[1]}`);
  if (!u.running) {
    lines.push("   Active: inactive (dead)");
    if (u.docs) lines.push(`     Docs: ${u.docs}`);
    ctx.out(`${lines.join("\n")}\n`);
    return 3;
  }
  lines.push(`   Active: active (running) since ${since(booted, ctx.now)}`);
  if (u.docs) lines.push(`     Docs: ${u.docs}`);
  lines.push(` Main PID: ${pid} (${u.program})`, `    Tasks: ${u.tasks}`, `   Memory: ${u.memory}`, `   CGroup: /system.slice/${u.name}.service`, `           └─${pid} ${u.cmdline}`);
  ctx.out(`${lines.join("\n")}\n`);
  return 0;
}

registerCommand("systemctl", {
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    const [verb, ...names] = args;
    if (!verb) {
      ctx.err("Running in chroot, ignoring request.\n");
      return { status: 1 };
    }
    let rc = 0;
    for (const name of names) {
      const u = findUnit(name);
      if (!u) {
        if (verb === "is-active") { ctx.out("unknown\n"); rc = 3; continue; }
        ctx.err(verb === "status" ? `Unit ${name.replace(/\.service$/, "")}.service could not be found.\n` : `Failed to ${verb} ${name.replace(/\.service$/, "")}.service: Unit not found.\n`);
        rc = verb === "status" ? 4 : 5;
        continue;
      }
      if (verb === "status") rc = Math.max(rc, status(ctx, u));
      else if (verb === "is-active") { ctx.out(u.running ? "active\n" : "inactive\n"); if (!u.running) rc = 3; }
      else if (verb === "is-enabled") { ctx.out(u.enabled ? "enabled\n" : "disabled\n"); if (!u.enabled) rc = 1; }
      else if (verb === "restart" || verb === "start" || verb === "reload" || verb === "daemon-reload" || verb === "enable") continue;
      else if (verb === "stop" || verb === "disable") {
        // the simulated node keeps its daemons: stopping the kubelet would need a NotReady node to follow
        ctx.err(`Failed to ${verb} ${u.name}.service: Access denied\n`);
        rc = 1;
      } else {
        ctx.err(`Unknown operation '${verb}'.\n`);
        return { status: 1 };
      }
    }
    if (verb === "daemon-reload") return { status: 0 };
    return { status: rc };
  },
});
