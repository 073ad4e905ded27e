// A program of an image the simulation does not know: it stays up and listens on the
// ports the image exposes and the container declares.
import { registerCommand } from "../shell/registry";

registerCommand("generic-server", {
  onTerm: 0,
  run(ctx) {
    for (const p of new Set([...ctx.sys.image.ports, ...ctx.sys.declaredPorts])) ctx.sys.bind(p, "generic", {});
    return { block: { untilMs: null, data: {} } };
  },
  resume: () => ({ block: { untilMs: null, data: {} } }),
});
