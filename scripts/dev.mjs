// `npm run dev`: the whole service on https://127.0.0.1:$PORT (default 8787), state kept in .dev-state/.
import { spawn } from "node:child_process";

const port = process.env.PORT ?? "8787";
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};
const args = ["dev", "--local-protocol", "https", "--ip", "127.0.0.1", "--port", port, "--persist-to", process.env.STATE_DIR ?? ".dev-state", "--show-interactive-dev-session=false"];
const child = spawn("npx", ["wrangler", ...args], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
