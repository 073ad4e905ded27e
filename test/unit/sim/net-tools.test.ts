import { describe, expect, it } from "vitest";
import { runProgram, runSh } from "./harness";
import { PodRun, FAST } from "./pod-harness";
import type { NetInterface, NetRoute, SystemHooks } from "../../../src/sim/shell/types";
import { answerHttp } from "../../../src/sim/kubelet/index";

const MAC = "46:3e:6c:7a:5b:4c";
const POD_NET: Partial<SystemHooks> = {
  netInterfaces: (): NetInterface[] => [
    { index: 1, name: "lo", kind: "loopback", flags: ["UP", "LOOPBACK", "RUNNING"], mtu: 65536, addrs: [{ ip: "127.0.0.1", prefix: 8 }, { ip: "::1", prefix: 128 }], stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 } },
    { index: 4, name: "eth0", peerIndex: 12, kind: "ether", flags: ["UP", "BROADCAST", "RUNNING", "MULTICAST"], mtu: 1480, mac: MAC, addrs: [{ ip: "10.244.1.5", prefix: 32 }, { ip: "fe80::443e:6cff:fe7a:5b4c", prefix: 64 }], stats: { rxPackets: 12, rxBytes: 1846, txPackets: 9, txBytes: 2048 } },
  ],
  listeners: () => [
    { proto: "tcp", address: "0.0.0.0", port: 80, pid: 1, program: "nginx: master process nginx -g daemon off;" },
    { proto: "tcp6", address: "::", port: 80, pid: 1, program: "nginx: master process nginx -g daemon off;" },
    { proto: "udp6", address: "::", port: 53, pid: 0, program: "" },
  ],
};

/** A Calico node as the node shell describes it. */
const NODE_NET: Partial<SystemHooks> = {
  netInterfaces: (): NetInterface[] => [
    { index: 1, name: "lo", kind: "loopback", flags: ["UP", "LOOPBACK", "RUNNING"], mtu: 65536, addrs: [{ ip: "127.0.0.1", prefix: 8 }], stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 } },
    { index: 2, name: "ens33", kind: "ether", flags: ["UP", "BROADCAST", "RUNNING", "MULTICAST"], mtu: 1500, mac: "00:0c:29:3a:1b:2c", addrs: [{ ip: "192.168.10.12", prefix: 24, broadcast: "192.168.10.255" }], stats: { rxPackets: 2_500_000, rxBytes: 1_536_000_000, txPackets: 100, txBytes: 5000 } },
    { index: 3, name: "docker0", kind: "ether", flags: ["UP", "BROADCAST", "MULTICAST"], mtu: 1500, mac: "02:42:5f:1a:2b:3c", addrs: [{ ip: "172.17.0.1", prefix: 16, broadcast: "172.17.255.255" }], stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 } },
    { index: 5, name: "tunl0", kind: "ipip", flags: ["UP", "RUNNING", "NOARP"], mtu: 1480, addrs: [{ ip: "10.244.159.128", prefix: 32 }], stats: { rxPackets: 30, rxBytes: 2520, txPackets: 28, txBytes: 3100 } },
  ],
  netRoutes: (): NetRoute[] => [
    { dest: "default", via: "192.168.10.2", dev: "ens33", proto: "static" },
    { dest: "10.244.0.0/26", via: "192.168.10.11", dev: "tunl0", proto: "bird", onlink: true },
    { dest: "192.168.10.0/24", dev: "ens33", proto: "kernel", scope: "link", src: "192.168.10.12" },
  ],
};

describe("ip (busybox)", () => {
  it("ip addr: busybox layout with M-DOWN on the veth and no group/mode", () => {
    const r = runSh("ip addr", { sys: POD_NET });
    expect(r.out).toBe(
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n" +
      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
      "    inet 127.0.0.1/8 scope host lo\n" +
      "       valid_lft forever preferred_lft forever\n" +
      "    inet6 ::1/128 scope host \n" +
      "       valid_lft forever preferred_lft forever\n" +
      "4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP \n" +
      `    link/ether ${MAC} brd ff:ff:ff:ff:ff:ff\n` +
      "    inet 10.244.1.5/32 scope global eth0\n" +
      "       valid_lft forever preferred_lft forever\n" +
      "    inet6 fe80::443e:6cff:fe7a:5b4c/64 scope link \n" +
      "       valid_lft forever preferred_lft forever\n");
  });

  it("ip -4 a, ip a show dev eth0, ip r, and an unknown device", () => {
    expect(runSh("ip -4 a", { sys: POD_NET }).out).toBe(
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n" +
      "4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP \n    inet 10.244.1.5/32 scope global eth0\n       valid_lft forever preferred_lft forever\n");
    expect(runSh("ip addr show dev eth0", { sys: POD_NET }).out.split("\n")[0]).toBe("4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP ");
    expect(runSh("ip a s eth0 | grep inet", { sys: POD_NET }).out).toBe("    inet 10.244.1.5/32 scope global eth0\n    inet6 fe80::443e:6cff:fe7a:5b4c/64 scope link \n");
    expect(runSh("ip r").out).toBe("default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n");
    const bad = runSh("ip a show eth1; echo rc=$?", { sys: POD_NET });
    expect(bad.err).toBe("ip: can't find device 'eth1'\n");
    expect(bad.out).toBe("rc=1\n");
  });

  it("ip link lists devices without addresses", () => {
    expect(runSh("ip link", { sys: POD_NET }).out).toBe(
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
      `4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP \n    link/ether ${MAC} brd ff:ff:ff:ff:ff:ff\n`);
  });
});

describe("ip (iproute2)", () => {
  it("ip a: group default, link-netnsid, and -4 moves link-netnsid onto the first line", () => {
    const a = runProgram(["ip", "a"], { sys: POD_NET });
    expect(a.out.split("\n").slice(6, 8)).toEqual([
      "4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP group default ",
      `    link/ether ${MAC} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
    ]);
    expect(a.out.split("\n")[0]).toBe("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000");
    const four = runProgram(["ip", "-4", "a"], { sys: POD_NET });
    expect(four.out.split("\n")[3]).toBe("4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP group default  link-netnsid 0");
    expect(runProgram(["ip", "link", "show", "eth0"], { sys: POD_NET }).out.split("\n")[0]).toBe("4: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP mode DEFAULT group default ");
    const bad = runProgram(["ip", "a", "show", "dev", "eth1"], { sys: POD_NET });
    expect([bad.err, bad.status]).toEqual(['Device "eth1" does not exist.\n', 1]);
  });

  it("a node's tunl0, docker0 without carrier, and its routes with proto and onlink", () => {
    const a = runProgram(["ip", "addr", "show", "tunl0"], { sys: NODE_NET });
    expect(a.out).toBe(
      "5: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n" +
      "    link/ipip 0.0.0.0 brd 0.0.0.0\n" +
      "    inet 10.244.159.128/32 scope global tunl0\n" +
      "       valid_lft forever preferred_lft forever\n");
    expect(runProgram(["ip", "link", "show", "docker0"], { sys: NODE_NET }).out.split("\n")[0])
      .toBe("3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default ");
    expect(runProgram(["ip", "a", "show", "ens33"], { sys: NODE_NET }).out.split("\n").slice(0, 3)).toEqual([
      "2: ens33: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000",
      "    link/ether 00:0c:29:3a:1b:2c brd ff:ff:ff:ff:ff:ff",
      "    inet 192.168.10.12/24 brd 192.168.10.255 scope global ens33",
    ]);
    expect(runProgram(["ip", "route"], { sys: NODE_NET }).out).toBe(
      "default via 192.168.10.2 dev ens33 proto static \n" +
      "10.244.0.0/26 via 192.168.10.11 dev tunl0 proto bird onlink \n" +
      "192.168.10.0/24 dev ens33 proto kernel scope link src 192.168.10.12 \n");
  });
});

describe("ifconfig and route", () => {
  it("busybox ifconfig: Link encap paragraphs sorted by name", () => {
    expect(runSh("ifconfig", { sys: POD_NET }).out).toBe(
      `eth0      Link encap:Ethernet  HWaddr ${MAC.toUpperCase()}  \n` +
      "          inet addr:10.244.1.5  Bcast:0.0.0.0  Mask:255.255.255.255\n" +
      "          inet6 addr: fe80::443e:6cff:fe7a:5b4c/64 Scope:Link\n" +
      "          UP BROADCAST RUNNING MULTICAST  MTU:1480  Metric:1\n" +
      "          RX packets:12 errors:0 dropped:0 overruns:0 frame:0\n" +
      "          TX packets:9 errors:0 dropped:0 overruns:0 carrier:0\n" +
      "          collisions:0 txqueuelen:0 \n" +
      "          RX bytes:1846 (1.8 KiB)  TX bytes:2048 (2.0 KiB)\n\n" +
      "lo        Link encap:Local Loopback  \n" +
      "          inet addr:127.0.0.1  Mask:255.0.0.0\n" +
      "          inet6 addr: ::1/128 Scope:Host\n" +
      "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n" +
      "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n" +
      "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n" +
      "          collisions:0 txqueuelen:1000 \n" +
      "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n");
    const bad = runSh("ifconfig eth9; echo rc=$?", { sys: POD_NET });
    expect([bad.err, bad.out]).toEqual(["ifconfig: eth9: error fetching interface information: Device not found\n", "rc=1\n"]);
  });

  it("net-tools ifconfig eth0, and a node's ipip tunnel through | head -2", () => {
    expect(runProgram(["ifconfig", "eth0"], { sys: POD_NET }).out).toBe(
      "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1480\n" +
      "        inet 10.244.1.5  netmask 255.255.255.255  broadcast 0.0.0.0\n" +
      "        inet6 fe80::443e:6cff:fe7a:5b4c  prefixlen 64  scopeid 0x20<link>\n" +
      `        ether ${MAC}  txqueuelen 0  (Ethernet)\n` +
      "        RX packets 12  bytes 1846 (1.8 KiB)\n" +
      "        RX errors 0  dropped 0  overruns 0  frame 0\n" +
      "        TX packets 9  bytes 2048 (2.0 KiB)\n" +
      "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n");
    expect(runProgram(["ifconfig", "tunl0"], { sys: NODE_NET }).out).toBe(
      "tunl0: flags=193<UP,RUNNING,NOARP>  mtu 1480\n" +
      "        inet 10.244.159.128  netmask 255.255.255.255\n" +
      "        tunnel   txqueuelen 1000  (IPIP Tunnel)\n" +
      "        RX packets 30  bytes 2520 (2.4 KiB)\n" +
      "        RX errors 0  dropped 0  overruns 0  frame 0\n" +
      "        TX packets 28  bytes 3100 (3.0 KiB)\n" +
      "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n");
    expect(runProgram(["ifconfig", "ens33"], { sys: NODE_NET }).out.split("\n")[3]).toBe("        RX packets 2500000  bytes 1536000000 (1.4 GiB)");
    const nodeFs = runSh("ifconfig tunl0 | head -2", { sys: NODE_NET, image: "busybox" });
    expect(nodeFs.out).toBe("tunl0     Link encap:UNSPEC  HWaddr 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  \n          inet addr:10.244.159.128  Mask:255.255.255.255\n");
  });

  it("route -n and route in busybox, netstat -rn", () => {
    const table = "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";
    expect(runSh("route -n").out).toBe(`${table}0.0.0.0         169.254.1.1     0.0.0.0         UG    0      0        0 eth0\n169.254.1.1     0.0.0.0         255.255.255.255 UH    0      0        0 eth0\n`);
    expect(runSh("route").out).toBe(`${table}default         169.254.1.1     0.0.0.0         UG    0      0        0 eth0\n169.254.1.1     *               255.255.255.255 UH    0      0        0 eth0\n`);
    expect(runSh("netstat -rn").out).toBe("Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n0.0.0.0         169.254.1.1     0.0.0.0         UG        0 0          0 eth0\n169.254.1.1     0.0.0.0         255.255.255.255 UH        0 0          0 eth0\n");
  });

  it("images without net-tools or iproute2 do not have them", () => {
    const r = runSh("ip a", { image: "nginx:1.25" });
    expect(r.err).toBe("sh: ip: not found\n");
    for (const img of ["nginx:1.25", "ubuntu:22.04", "centos:7"]) {
      expect(runSh("which ip ifconfig netstat route; which expr xargs readlink hostname", { image: img }).out).toMatch(/^\/usr\/bin\/expr\n\/usr\/bin\/xargs\n\/bin\/readlink\n\/bin\/hostname\n$/);
    }
    expect(runSh("which ip ifconfig route netstat readlink").out).toBe("/bin/ip\n/bin/ifconfig\n/bin/route\n/bin/netstat\n/bin/readlink\n");
  });

  it("hostname -i / -I", () => {
    expect(runSh("hostname -i", { sys: POD_NET }).out).toBe("10.244.1.5\n");
    expect(runSh("hostname -I", { image: "nginx:1.25", sys: POD_NET }).out).toBe("10.244.1.5 \n");
    const bb = runSh("hostname -I; echo rc=$?", { sys: POD_NET });
    expect(bb.err.split("\n")[0]).toBe("hostname: invalid option -- 'I'");
    expect(bb.out).toBe("rc=1\n");
  });
});

describe("netstat", () => {
  it("busybox -tlnp: tcp for both families, 19-character program names", () => {
    expect(runSh("netstat -tlnp", { sys: POD_NET }).out).toBe(
      "Active Internet connections (only servers)\n" +
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n" +
      "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/nginx: master pro\n" +
      "tcp        0      0 :::80                   :::*                    LISTEN      1/nginx: master pro\n");
    expect(runSh("netstat -lntu", { sys: POD_NET }).out.split("\n").slice(1)).toEqual([
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       ",
      "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      ",
      "tcp        0      0 :::80                   :::*                    LISTEN      ",
      "udp        0      0 :::53                   :::*                                ",
      "",
    ]);
  });

  it("net-tools -lntup: tcp6/udp6 labels, padded program column, '-' for another container's process", () => {
    expect(runProgram(["netstat", "-lntup"], { sys: POD_NET }).out).toBe(
      "Active Internet connections (only servers)\n" +
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n" +
      "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/nginx: master pro \n" +
      "tcp6       0      0 :::80                   :::*                    LISTEN      1/nginx: master pro \n" +
      "udp6       0      0 :::53                   :::*                                -                   \n");
    expect(runProgram(["netstat", "-tln"], { sys: POD_NET }).out.split("\n")[2]).toBe("tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     ");
    expect(runProgram(["netstat", "-an"], { sys: POD_NET }).out.split("\n")[5]).toBe("Active UNIX domain sockets (servers and established)");
    expect(runProgram(["netstat", "-t"], { sys: POD_NET }).out).toBe("Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n");
  });
});

describe("expr, xargs, readlink", () => {
  it("expr arithmetic, strings, comparisons and exit codes", () => {
    expect(runSh("expr 1 + 2; expr 7 / 2; expr -7 % 3; expr 3 \\* 4").out).toBe("3\n3\n-1\n12\n");
    expect(runSh("expr length abc; expr substr hello 2 3; expr index hello l; expr abc : 'a\\(.\\)'; expr abcd : '.*'").out).toBe("3\nell\n3\nb\n4\n");
    expect(runSh("expr abc = abc; expr 10 \\> 9; expr b \\< a; echo rc=$?").out).toBe("1\n1\n0\nrc=1\n");
    expect(runSh("expr 0; echo rc=$?; expr '' ; echo rc=$?").out).toBe("0\nrc=1\n\nrc=1\n");
    expect(runSh("expr 0 \\| 5; expr 3 \\& 0").out).toBe("5\n0\n");
    const div = runSh("expr 1 / 0; echo rc=$?");
    expect([div.err, div.out]).toEqual(["expr: division by zero\n", "rc=2\n"]);
    expect(runSh("expr a + 1").err).toBe("expr: non-numeric argument\n");
    expect(runSh("expr a + 1", { image: "nginx:1.25" }).err).toBe("expr: non-integer argument\n");
    expect(runSh("expr 1 +", { image: "nginx:1.25" }).err).toBe("expr: syntax error: missing argument after '+'\n");
    expect(runSh("expr 1 2", { image: "nginx:1.25" }).err).toBe("expr: syntax error: unexpected argument '2'\n");
    expect(runSh("expr; echo rc=$?", { image: "nginx:1.25" })).toMatchObject({ err: "expr: missing operand\nTry 'expr --help' for more information.\n", out: "rc=2\n" });
    expect(runSh("i=1; i=$(expr $i + 1); echo $i").out).toBe("2\n");
  });

  it("xargs: echo by default, -n, -I {}, quotes, and failing commands", () => {
    expect(runSh("echo a b c | xargs").out).toBe("a b c\n");
    expect(runSh("printf '1\\n2\\n3\\n4\\n5\\n' | xargs -n 2").out).toBe("1 2\n3 4\n5\n");
    expect(runSh("printf 'x\\n  y z\\n' | xargs -I {} echo [{}]").out).toBe("[x]\n[y z]\n");
    expect(runSh("echo \"'a b'\" c | xargs -n 1").out).toBe("a b\nc\n");
    expect(runSh("echo /etc/passwd /nope | xargs ls; echo rc=$?").out).toBe("/etc/passwd\nrc=123\n");
    expect(runSh("echo a | xargs nosuch; echo rc=$?")).toMatchObject({ err: "xargs: nosuch: No such file or directory\n", out: "rc=127\n" });
    expect(runSh("true | xargs echo hi").out).toBe("hi\n");
    expect(runSh("true | xargs -r echo hi").out).toBe("");
    expect(runSh("touch /tmp/a /tmp/b; ls /tmp | xargs -I {} rm /tmp/{}; ls /tmp").out).toBe("");
  });

  it("readlink and readlink -f", () => {
    expect(runSh("ln -s /etc/passwd /tmp/pw; readlink /tmp/pw; readlink -f /tmp/pw; readlink /etc/passwd; echo rc=$?").out).toBe("/etc/passwd\n/etc/passwd\nrc=1\n");
    expect(runSh("readlink -f /var/log/nginx/access.log", { image: "nginx:1.25" }).out).toBe("/dev/stdout\n");
    expect(runSh("cd /etc; readlink -f ../bin/./sh; readlink -f /nope/x; echo rc=$?; readlink -f /tmp/newfile").out).toBe("/bin/sh\nrc=1\n/tmp/newfile\n");
  });
});

const NGINX_POD = `
apiVersion: v1
kind: Pod
metadata: { name: web, uid: 7f1c2e34-aaaa-bbbb-cccc-000000000001 }
spec:
  containers:
  - name: nginx
    image: nginx:1.25-alpine
  - name: side
    image: busybox
    command: ["sleep", "3600"]
`;

describe("a Calico pod's network namespace", () => {
  it("eth0@ifN with the pod IP as /32, a MAC stable across calls, and Calico's routes", () => {
    const r = new PodRun(NGINX_POD, FAST);
    r.advance(30);
    const a = r.exec("nginx", ["ip", "a"]).stdout;
    expect(a).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n/);
    expect(a).toContain("2: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n");
    expect(a).toMatch(/\n4: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP \n    link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\n    inet 10\.244\.1\.5\/32 scope global eth0\n/);
    expect(r.exec("side", ["ip", "a"]).stdout).toBe(a);
    expect(r.exec("nginx", ["ip", "route"]).stdout).toBe("default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n");
    const mac = /link\/ether (\S+)/.exec(a)?.[1] ?? "";
    expect(r.exec("nginx", ["ifconfig", "eth0"]).stdout.split("\n")[0]).toBe(`eth0      Link encap:Ethernet  HWaddr ${mac.toUpperCase()}  `);
  });

  it("netstat shows what the pod's processes bound; another container sees '-'", () => {
    const r = new PodRun(NGINX_POD, FAST);
    r.advance(30);
    const own = r.exec("nginx", ["netstat", "-tlnp"]).stdout;
    expect(own).toBe(
      "Active Internet connections (only servers)\n" +
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n" +
      "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/nginx: master pro\n" +
      "tcp        0      0 :::80                   :::*                    LISTEN      1/nginx: master pro\n");
    expect(r.exec("side", ["netstat", "-tlnp"]).stdout.split("\n")[2]).toBe("tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -");
  });

  it("eth0 counters grow with the HTTP requests the pod answers", () => {
    const r = new PodRun(NGINX_POD, FAST);
    r.advance(30);
    const before = r.exec("nginx", ["ifconfig", "eth0"]).stdout;
    expect(before).toContain("RX packets:0 errors:0");
    if (!r.state) throw new Error("no state");
    const served = answerHttp(r.state, { pod: r.pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: r.now }, 80, "/", { clientIP: "10.244.2.7" });
    r.state = served.state;
    const after = r.exec("nginx", ["ifconfig", "eth0"]).stdout;
    expect(after).toContain("RX packets:5 errors:0");
    expect(after).toContain("TX packets:4 errors:0");
    expect(r.exec("nginx", ["ifconfig", "eth0"]).stdout).toBe(after);
  });
});
