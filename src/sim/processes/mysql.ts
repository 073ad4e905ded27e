// mysqld behind the official image's entrypoint: refuses to initialise without a root
// password option, otherwise initialises (takes a while) and listens on 3306.
import { registerCommand } from "../shell/registry";
import type { CmdContext, CmdOutcome } from "../shell/types";
import { mysqlEntrypointTime } from "../time-format";

const INIT_MS = 12_000;

function serverLine(ctx: CmdContext, t: number, level: string, code: string, msg: string): string {
  const ts = new Date(t).toISOString().replace("Z", "000Z");
  return ctx.sys.image.version.startsWith("5.") ? `${ts} 0 [${level === "System" ? "Note" : level}] ${msg}\n` : `${ts} 0 [${level}] [${code}] [Server] ${msg}\n`;
}

registerCommand("mysqld", {
  onTerm: 0,
  run(ctx) {
    const viaEntrypoint = ctx.argv[1] === "--sim-entrypoint";
    const version = ctx.sys.image.version;
    if (ctx.argv.includes("--version") || ctx.argv.includes("-V")) {
      ctx.out(`/usr/sbin/mysqld  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
      return { status: 0 };
    }
    const initialized = ctx.fs.stat("/var/lib/mysql/mysql")?.t === "d";
    if (viaEntrypoint) {
      const t = mysqlEntrypointTime(ctx.now);
      const release = version.startsWith("5.") ? `${version}-1.el7` : `${version}-1.el8`;
      ctx.out(`${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${release} started.\n${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${release} started.\n`);
      const hasPassword = ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"].some((k) => ctx.env[k] !== undefined && (k === "MYSQL_ROOT_PASSWORD" || ctx.env[k] !== ""));
      if (!initialized && !hasPassword) {
        ctx.err(`${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`);
        return { status: 1 };
      }
      if (!initialized) {
        ctx.out(`${t} [Note] [Entrypoint]: Initializing database files\n`);
        return { block: { untilMs: ctx.now + INIT_MS, data: { phase: "init" } } };
      }
    }
    return listen(ctx);
  },
  resume(ctx, data) {
    const d = (data ?? {}) as { phase?: string };
    if (d.phase === "init") {
      ctx.fs.mkdir("/var/lib/mysql/mysql", ctx.now, true);
      const t = mysqlEntrypointTime(ctx.now);
      ctx.out(`${t} [Note] [Entrypoint]: Database files initialized\n${t} [Note] [Entrypoint]: Starting temporary server\n${t} [Note] [Entrypoint]: Temporary server started.\n${t} [Note] [Entrypoint]: Stopping temporary server\n${t} [Note] [Entrypoint]: Temporary server stopped\n\n${t} [Note] [Entrypoint]: MySQL init process done. Ready for start up.\n\n`);
      return listen(ctx);
    }
    if (d.phase === "failed") return { status: 1 };
    return { block: { untilMs: null, data: { phase: "serving" } } };
  },
});

function listen(ctx: CmdContext): CmdOutcome {
  const version = ctx.sys.image.version;
  if (!ctx.sys.bind(3306, "mysql", { version })) {
    ctx.err(serverLine(ctx, ctx.now, "ERROR", "MY-010262", "Can't start server: Bind on TCP/IP port: Address already in use") + serverLine(ctx, ctx.now, "ERROR", "MY-010257", "Do you already have another mysqld server running on port: 3306 ?"));
    return { block: { untilMs: ctx.now + 500, data: { phase: "failed" } } };
  }
  const ready = version.startsWith("5.")
    ? `${new Date(ctx.now).toISOString().replace("Z", "000Z")} 0 [Note] mysqld: ready for connections.\nVersion: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)\n`
    : serverLine(ctx, ctx.now, "System", "MY-010931", `/usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
  ctx.out(ready);
  return { block: { untilMs: null, data: { phase: "serving" } } };
}
