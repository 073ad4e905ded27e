// nginx: reads its configuration from the container's files, binds its listen port in the
// pod's network namespace, serves files from its root, and answers `-v`, `-t`, `-s`.
import { registerCommand } from "../shell/registry";
import type { CmdContext, CmdOutcome } from "../shell/types";
import type { Vfs } from "../fs/vfs";
import { normalizePath } from "../fs/path";
import { nginxAccessTime, nginxErrorTime } from "../time-format";
import { nginxHasEntrypoint } from "../images/catalog";

export interface NginxConfig {
  port: number;
  root: string;
  index: string[];
}

/** The first server block's listen/root/index, from nginx.conf and the conf.d files it includes. */
export function readNginxConfig(fs: Vfs): NginxConfig | { error: string } {
  const main = fs.readFile("/etc/nginx/nginx.conf");
  if ("error" in main) return { error: `open() "/etc/nginx/nginx.conf" failed (2: No such file or directory)` };
  let text = main.data;
  if (/include\s+\/etc\/nginx\/conf\.d\/\*\.conf/.test(text)) {
    const list = fs.readdir("/etc/nginx/conf.d");
    for (const n of "names" in list ? list.names : []) {
      if (!n.endsWith(".conf")) continue;
      const f = fs.readFile(`/etc/nginx/conf.d/${n}`);
      if ("data" in f) text += "\n" + f.data;
    }
  }
  const code = text.split("\n").map((l) => l.replace(/#.*$/, "")).join("\n");
  const open = (code.match(/{/g) ?? []).length;
  const close = (code.match(/}/g) ?? []).length;
  if (open !== close) return { error: `unexpected end of file, expecting "}" in /etc/nginx/conf.d/default.conf:${code.split("\n").length}` };
  const listen = /\blisten\s+(?:[\d.]+:|\[::\]:)?(\d+)/.exec(code);
  const root = /\broot\s+([^;\s]+)\s*;/.exec(code);
  const index = /\bindex\s+([^;]+);/.exec(code);
  return {
    port: listen ? Number(listen[1]) : 80,
    root: root ? root[1] : "/usr/share/nginx/html",
    index: index ? index[1].trim().split(/\s+/) : ["index.html"],
  };
}

function isNewNginx(ctx: CmdContext): boolean {
  return nginxHasEntrypoint(ctx.sys.image.version);
}

function emerg(ctx: CmdContext, msg: string): void {
  ctx.err(`${nginxErrorTime(ctx.now)} [emerg] 1#1: ${msg}\nnginx: [emerg] ${msg}\n`);
}

function startMaster(ctx: CmdContext, foreground: boolean): CmdOutcome {
  const cfg = readNginxConfig(ctx.fs);
  if ("error" in cfg) { emerg(ctx, cfg.error); return { status: 1 }; }
  if (!ctx.sys.bind(cfg.port, "nginx", { ...cfg })) {
    // nginx retries bind() five times, half a second apart, before giving up
    let out = "";
    for (let i = 0; i < 5; i++) out += `${nginxErrorTime(ctx.now + i * 500)} [emerg] 1#1: bind() to 0.0.0.0:${cfg.port} failed (98: Address in use)\nnginx: [emerg] bind() to 0.0.0.0:${cfg.port} failed (98: Address in use)\n`;
    out += `${nginxErrorTime(ctx.now + 2500)} [emerg] 1#1: still could not bind()\nnginx: [emerg] still could not bind()\n`;
    ctx.err(out);
    return { block: { untilMs: ctx.now + 2500, data: { failed: 1 } } };
  }
  if (isNewNginx(ctx)) {
    const t = nginxErrorTime(ctx.now);
    ctx.err([
      `using the "epoll" event method`, `nginx/${ctx.sys.image.version}`, `built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `OS: Linux 5.15.0-105-generic`, `getrlimit(RLIMIT_NOFILE): 1048576:1048576`, `start worker processes`, `start worker process 29`,
    ].map((m) => `${t} [notice] 1#1: ${m}\n`).join(""));
  }
  if (!foreground) return { status: 0 };
  return { block: { untilMs: null, data: { port: cfg.port } } };
}

registerCommand("nginx", {
  onTerm: 0,
  run(ctx) {
    const args = ctx.argv.slice(1);
    const version = ctx.sys.image.version;
    if (args.includes("-v")) { ctx.err(`nginx version: nginx/${version}\n`); return { status: 0 }; }
    if (args.includes("-V")) {
      ctx.err(`nginx version: nginx/${version}\nbuilt by gcc 8.3.0 (Alpine 8.3.0)\nbuilt with OpenSSL 1.1.1b  26 Feb 2019\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf\n`);
      return { status: 0 };
    }
    if (args.includes("-h") || args.includes("-?")) {
      ctx.err(`nginx version: nginx/${version}\nUsage: nginx [-?hvVtTq] [-s signal] [-c filename] [-p prefix] [-g directives]\n`);
      return { status: 0 };
    }
    if (args.includes("-t") || args.includes("-T")) {
      const cfg = readNginxConfig(ctx.fs);
      if ("error" in cfg) {
        ctx.err(`nginx: [emerg] ${cfg.error}\nnginx: configuration file /etc/nginx/nginx.conf test failed\n`);
        return { status: 1 };
      }
      ctx.err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n");
      return { status: 0 };
    }
    const sIdx = args.indexOf("-s");
    if (sIdx >= 0) {
      const signal = args[sIdx + 1] ?? "";
      if (!["stop", "quit", "reopen", "reload"].includes(signal)) {
        ctx.err(`nginx: invalid option: "-s ${signal}"\n`);
        return { status: 1 };
      }
      const ports = ctx.sys.ownListeners("nginx");
      if (!ports.length) {
        ctx.err(`nginx: [error] open() "/var/run/nginx.pid" failed (2: No such file or directory)\n`);
        return { status: 1 };
      }
      ctx.err(`${nginxErrorTime(ctx.now)} [notice] ${40 + (ctx.now % 50)}#${40 + (ctx.now % 50)}: signal process started\n`);
      if (signal === "stop" || signal === "quit") {
        for (const p of ports) ctx.sys.unbind(p);
        ctx.sys.stopMain("nginx", 0);
      } else if (signal === "reload") {
        const cfg = readNginxConfig(ctx.fs);
        if ("error" in cfg) { ctx.err(`nginx: [emerg] ${cfg.error}\n`); return { status: 1 }; }
        for (const p of ports) ctx.sys.unbind(p);
        if (!ctx.sys.bind(cfg.port, "nginx", { ...cfg })) {
          for (const p of ports) ctx.sys.bind(p, "nginx", { ...cfg, port: p });
          ctx.err(`nginx: [emerg] bind() to 0.0.0.0:${cfg.port} failed (98: Address in use)\n`);
        }
      }
      return { status: 0 };
    }
    const gIdx = args.indexOf("-g");
    const foreground = gIdx >= 0 && /daemon\s+off/.test(args[gIdx + 1] ?? "");
    return startMaster(ctx, foreground);
  },
  resume(_ctx, data) {
    if (typeof data === "object" && data !== null && "failed" in data) return { status: 1 };
    return { block: { untilMs: null, data } };
  },
});

export interface ServedRequest {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** access-log line for the server's stdout */
  accessLog: string;
  /** error-log line for its stderr, if any */
  errorLog?: string;
}

function errorPage(status: number, text: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** One GET served by nginx from the container's files. */
export function nginxServe(fs: Vfs, cfg: { root: string; index: string[] }, req: { path: string; host: string; clientIP: string; userAgent: string; now: number; version: string }): ServedRequest {
  const urlPath = decodeURIComponent(req.path.split("?")[0] || "/");
  const filePath = normalizePath(cfg.root + "/" + urlPath);
  const node = fs.stat(filePath);
  let status = 200;
  let body = "";
  let errorLog: string | undefined;
  const headers: Record<string, string> = { Server: `nginx/${req.version}`, "Content-Type": "text/html" };
  const errLine = (msg: string): string => `${nginxErrorTime(req.now)} [error] 29#29: *1 ${msg}, client: ${req.clientIP}, server: localhost, request: "GET ${req.path} HTTP/1.1", host: "${req.host}"`;
  if (node?.t === "d") {
    if (!urlPath.endsWith("/")) {
      status = 301;
      body = errorPage(301, "Moved Permanently", req.version);
      headers.Location = `http://${req.host}${urlPath}/`;
    } else {
      const idx = cfg.index.map((i) => `${filePath}/${i}`.replace(/\/+/g, "/")).find((p) => fs.stat(p)?.t === "f");
      if (idx) {
        const r = fs.readFile(idx);
        body = "data" in r ? r.data : "";
      } else {
        status = 403;
        body = errorPage(403, "Forbidden", req.version);
        errorLog = errLine(`directory index of "${filePath}/" is forbidden`);
      }
    }
  } else if (node?.t === "f") {
    body = node.data;
  } else {
    status = 404;
    body = errorPage(404, "Not Found", req.version);
    errorLog = errLine(`open() "${filePath}" failed (2: No such file or directory)`);
  }
  const size = new TextEncoder().encode(body).length;
  headers["Content-Length"] = String(size);
  const accessLog = `${req.clientIP} - - [${nginxAccessTime(req.now)}] "GET ${req.path} HTTP/1.1" ${status} ${size} "-" "${req.userAgent}" "-"`;
  return { status, body, headers, accessLog, errorLog };
}

registerCommand("docker-entrypoint", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (ctx.sys.image.program === "mysql" && (args[0] === "mysqld" || args[0]?.startsWith("-"))) return { exec: ["mysqld", "--sim-entrypoint", ...(args[0] === "mysqld" ? args.slice(1) : args)] };
    if (ctx.sys.image.program === "nginx" && (args[0] === "nginx" || args[0] === "nginx-debug")) {
      const me = "/docker-entrypoint.sh";
      ctx.out([
        `${me}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
        `${me}: Looking for shell scripts in /docker-entrypoint.d/`,
        `${me}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
        `10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf`,
        `10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf`,
        `${me}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
        `${me}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
        `${me}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
        `${me}: Configuration complete; ready for start up`,
      ].map((l) => `${l}\n`).join(""));
    }
    if (!args.length) return { status: 0 };
    return { exec: args };
  },
});
