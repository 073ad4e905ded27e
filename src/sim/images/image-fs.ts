// Base filesystems of images, rebuilt on demand from (program, flavour, version) and cached:
// containers store only their changes on top. Executables hold `#!sim:<impl>` naming the
// simulated program that runs when they are executed.
import type { FsNode } from "../fs/types";
import { NGINX_50X_HTML, NGINX_CONF, NGINX_DEFAULT_CONF, NGINX_INDEX_HTML } from "./nginx-content";

/** mtime of image files: a fixed build date so listings are stable */
const BUILD_TIME = Date.UTC(2019, 3, 16, 13, 8, 0);

const ROOT_DIRS = ["/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/share", "/var", "/var/log", "/var/run", "/var/tmp", "/var/cache"];

const BUSYBOX_APPLETS = ["sh", "ash", "cat", "cp", "date", "echo", "false", "grep", "egrep", "head", "hostname", "kill", "ln", "ls", "mkdir", "mv", "ps", "pwd", "rm", "rmdir", "sleep", "tail", "test", "[", "touch", "true", "wc", "uname", "which", "id", "whoami", "printf", "sed", "cut", "sort", "uniq", "tee", "find", "chmod", "df", "du", "free", "top", "vi", "wget", "nslookup", "ping", "nc", "telnet", "ifconfig", "ip", "route", "netstat", "traceroute", "uptime", "yes", "seq", "basename", "dirname", "expr", "stat", "clear", "less", "more", "xargs", "tr", "timeout", "env", "busybox", "awk", "mount", "dmesg", "usleep", "arp", "nohup", "sync", "readlink", "tar"];
const GNU_BIN = ["bash", "sh", "cat", "cp", "date", "echo", "false", "grep", "egrep", "hostname", "kill", "ln", "ls", "mkdir", "mv", "pwd", "rm", "rmdir", "sleep", "touch", "true", "uname", "chmod", "df", "mount", "readlink", "sed", "sync", "more", "dmesg", "tar"];
const GNU_USR_BIN = ["env", "head", "tail", "wc", "id", "whoami", "printf", "cut", "sort", "uniq", "tee", "find", "timeout", "xargs", "tr", "seq", "basename", "dirname", "expr", "stat", "[", "test", "yes", "du", "clear", "which", "awk", "nohup", "free", "uptime"];

const ETC_PASSWD = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n";

function osRelease(flavour: string, version: string): string {
  switch (flavour) {
    case "alpine": return `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.9.4\nPRETTY_NAME="Alpine Linux v3.9"\nHOME_URL="https://alpinelinux.org/"\n`;
    case "debian": return `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n`;
    case "ubuntu": return `PRETTY_NAME="Ubuntu ${version} LTS"\nNAME="Ubuntu"\nVERSION_ID="${version}"\nID=ubuntu\n`;
    case "centos": return `NAME="CentOS Linux"\nVERSION="${version.split(".")[0]}"\nID="centos"\nPRETTY_NAME="CentOS Linux ${version.split(".")[0]}"\n`;
    default: return "";
  }
}

class Builder {
  readonly nodes: Record<string, FsNode> = { "/": { t: "d", mode: 0o755, mtime: BUILD_TIME } };
  dir(p: string): void {
    const parts = p.split("/").filter(Boolean);
    let cur = "";
    for (const part of parts) {
      cur += `/${part}`;
      if (!this.nodes[cur]) this.nodes[cur] = { t: "d", mode: cur === "/tmp" ? 0o1777 : 0o755, mtime: BUILD_TIME };
    }
  }
  file(p: string, data: string, mode = 0o644): void {
    this.dir(p.slice(0, p.lastIndexOf("/")) || "/");
    this.nodes[p] = { t: "f", mode, mtime: BUILD_TIME, data };
  }
  bin(p: string, impl: string, size = 1_100_000): void {
    this.dir(p.slice(0, p.lastIndexOf("/")) || "/");
    this.nodes[p] = { t: "f", mode: 0o755, mtime: BUILD_TIME, data: `#!sim:${impl}\n`, size };
  }
  link(p: string, target: string): void {
    this.dir(p.slice(0, p.lastIndexOf("/")) || "/");
    this.nodes[p] = { t: "l", mode: 0o777, mtime: BUILD_TIME, target };
  }
}

function addUserland(b: Builder, flavour: string, version: string): void {
  // FROM scratch: only what the build copies in (CoreDNS ships one static binary and CA certificates)
  if (flavour === "scratch") {
    b.dir("/etc/ssl/certs");
    return;
  }
  for (const d of ROOT_DIRS) b.dir(d);
  b.file("/etc/passwd", ETC_PASSWD);
  b.file("/etc/group", "root:x:0:root\nnogroup:x:65534:\n");
  b.file("/etc/os-release", osRelease(flavour, version));
  if (flavour === "busybox" || flavour === "alpine") {
    for (const a of BUSYBOX_APPLETS) b.bin(`/bin/${a}`, a === "ash" ? "sh" : a, 1_000_000);
    if (flavour === "alpine") b.file("/etc/alpine-release", "3.9.4\n");
  } else {
    for (const a of GNU_BIN) b.bin(`/bin/${a}`, a === "bash" ? "sh" : a, 120_000);
    for (const a of GNU_USR_BIN) b.bin(`/usr/bin/${a}`, a, 60_000);
    if (flavour === "centos") for (const a of ["ps", "curl", "vi", "ping"]) b.bin(`/usr/bin/${a}`, a, 100_000);
    b.file("/etc/debian_version", flavour === "debian" ? "12.5\n" : "");
  }
}

function build(key: string): Record<string, FsNode> {
  const [program, flavour, version] = key.split("|");
  const b = new Builder();
  addUserland(b, flavour, version);
  switch (program) {
    case "nginx": {
      b.bin("/usr/sbin/nginx", "nginx", 1_300_000);
      b.file("/etc/nginx/nginx.conf", NGINX_CONF);
      b.file("/etc/nginx/conf.d/default.conf", NGINX_DEFAULT_CONF);
      b.file("/etc/nginx/mime.types", "types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n}\n");
      b.file("/usr/share/nginx/html/index.html", NGINX_INDEX_HTML);
      b.file("/usr/share/nginx/html/50x.html", NGINX_50X_HTML);
      b.link("/var/log/nginx/access.log", "/dev/stdout");
      b.link("/var/log/nginx/error.log", "/dev/stderr");
      b.dir("/var/cache/nginx");
      const [maj, min] = version.split(".").map(Number);
      if (maj > 1 || min >= 19) {
        b.bin("/docker-entrypoint.sh", "docker-entrypoint", 1500);
        b.dir("/docker-entrypoint.d");
      }
      if (flavour === "debian" && (maj > 1 || min >= 19)) b.bin("/usr/bin/curl", "curl", 250_000);
      break;
    }
    case "busybox":
      if (version === "1.22.1") {
        b.bin("/usr/bin/curl", "curl", 300_000);
        b.bin("/usr/bin/vi", "vi");
      }
      break;
    case "stress":
      b.bin("/usr/bin/stress", "stress", 30_000);
      b.bin("/bin/bash", "sh", 900_000);
      break;
    case "perl":
      b.bin("/usr/local/bin/perl", "perl", 3_500_000);
      b.bin(`/usr/local/bin/perl${version}`, "perl", 3_500_000);
      break;
    case "mysql":
      b.bin("/usr/sbin/mysqld", "mysqld", 60_000_000);
      b.bin("/usr/bin/mysql", "mysql", 8_000_000);
      b.bin("/usr/local/bin/docker-entrypoint.sh", "docker-entrypoint", 14_000);
      b.dir("/var/lib/mysql");
      break;
    case "coredns":
      b.bin("/coredns", "coredns", 55_000_000);
      break;
    case "kube-proxy":
      b.bin("/usr/local/bin/kube-proxy", "kube-proxy", 70_000_000);
      for (const a of ["iptables", "iptables-save", "iptables-restore", "ip6tables", "ipset", "conntrack"]) b.bin(`/usr/sbin/${a}`, a, 400_000);
      break;
    case "generic":
      b.bin("/app", "generic-server", 20_000_000);
      for (const n of ["httpd-foreground", "redis-server"]) b.bin(`/usr/local/bin/${n}`, "generic-server", 2_000_000);
      b.bin("/usr/local/bin/docker-entrypoint.sh", "docker-entrypoint", 1_000);
      break;
    default:
      break;
  }
  return b.nodes;
}

const cache = new Map<string, Record<string, FsNode>>();

export function imageBaseFs(key: string): Record<string, FsNode> | undefined {
  if (!key.includes("|")) return undefined;
  let fs = cache.get(key);
  if (!fs) {
    fs = build(key);
    cache.set(key, fs);
  }
  return fs;
}
