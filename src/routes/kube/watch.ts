// ?watch=true: newline-delimited watch events over a chunked response (or a WebSocket for browsers),
// replaying from the client's resourceVersion and then following live changes.
import type { KubeObject } from "../../api/kinds";
import { resourceKey } from "../../api/define";
import { present, presentedNow } from "./present";
import { gone } from "../../api/status";
import { eventFor, type WatchFilter } from "../../store/watch-hub";
import type { ResourceRequest } from "./request-info";
import type { KubeContext } from "./resources";
import { objectFilter, selectorsOf } from "./filters";
import { intQuery, readResourceVersion } from "./query";
import { includeObjectParam, wantsTable } from "./negotiate";
import { renderTable } from "./tables";

type EventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

const BOOKMARK_INTERVAL_MS = 60_000;
/** setTimeout fires at once for delays over 2^31-1 ms: longer timeouts are capped there (~24 days) */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function serveWatch(c: KubeContext, req: ResourceRequest): Response {
  const cl = c.get("cluster");
  const key = resourceKey(req.storage);
  const namespace = req.def.namespaced ? req.namespace : undefined;
  const filter = { resource: key, namespace, ...objectFilter(req, selectorsOf(c)) };
  const asTable = wantsTable(c.req.header("accept"));
  const includeObject = includeObjectParam(c.req.query("includeObject"));
  const bookmarks = c.req.query("allowWatchBookmarks") === "true";
  const timeoutSeconds = intQuery(c, "timeoutSeconds");
  const rvParam = readResourceVersion(c);
  let headerSent = false;

  const render = (type: EventType, obj: KubeObject): string => {
    let object: unknown = obj;
    if (type === "BOOKMARK" || type === "ERROR") object = obj;
    else {
      const served = present(cl, req, obj);
      object = asTable ? renderTable(req.def, [served], presentedNow(cl), obj.metadata.resourceVersion ?? "", includeObject, headerSent) : served;
      headerSent = true;
    }
    return JSON.stringify({ type, object }) + "\n";
  };

  // what the client missed: everything now (no resourceVersion, or "0"), or the log after its resourceVersion
  const initial: string[] = [];
  // a timeout that is already over (negative) ends the watch after what the client missed, as on the real server
  let closeAfterInitial = timeoutSeconds !== undefined && timeoutSeconds < 0;
  if (!rvParam || rvParam === "0") {
    for (const o of cl.store.list(key, namespace)) if (filter.matches(o)) initial.push(render("ADDED", o));
  } else {
    const since = Number(rvParam);
    const replay = Number.isFinite(since) ? cl.store.changesSince(since, key) : undefined;
    if (!replay) {
      const status = gone(`too old resource version: ${rvParam} (${cl.store.currentRv()})`).toStatus();
      initial.push(JSON.stringify({ type: "ERROR", object: status }) + "\n");
      closeAfterInitial = true;
    } else {
      for (const ch of replay) {
        const type = eventFor(filter, ch);
        if (type) initial.push(render(type, ch.object));
      }
    }
  }
  if (bookmarks && !closeAfterInitial) initial.push(bookmark(req, cl.store.currentRv()));

  if (c.req.header("upgrade")?.toLowerCase() === "websocket") {
    return watchOverWebSocket(c, filter, initial, render, closeAfterInitial);
  }

  const encoder = new TextEncoder();
  let unsubscribe = (): void => undefined;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        unsubscribe();
        timers.forEach(clearTimeout);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      for (const line of initial) controller.enqueue(encoder.encode(line));
      if (closeAfterInitial) return close();
      unsubscribe = cl.hub.add(filter, {
        send(type, obj) {
          try {
            controller.enqueue(encoder.encode(render(type, obj)));
          } catch {
            close();
          }
        },
      });
      if (timeoutSeconds !== undefined && timeoutSeconds > 0) timers.push(setTimeout(close, Math.min(timeoutSeconds * 1000, MAX_TIMER_MS)));
      if (bookmarks) {
        const tick = () => {
          try {
            controller.enqueue(encoder.encode(bookmark(req, cl.store.currentRv())));
            timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
          } catch {
            close();
          }
        };
        timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
      }
    },
    cancel() {
      unsubscribe();
      timers.forEach(clearTimeout);
    },
  });
  // identity encoding: a compressing proxy would hold events back until its buffer fills
  return new Response(stream, { headers: { "content-type": "application/json", "content-encoding": "identity", "cache-control": "no-cache, no-transform" } });
}

function bookmark(req: ResourceRequest, rv: number): string {
  const apiVersion = req.group ? `${req.group}/${req.version}` : req.version;
  return JSON.stringify({ type: "BOOKMARK", object: { kind: req.def.kind, apiVersion, metadata: { resourceVersion: String(rv), annotations: { "k8s.io/initial-events-end": "true" } } } }) + "\n";
}

function watchOverWebSocket(
  c: KubeContext,
  filter: WatchFilter,
  initial: string[],
  render: (type: EventType, obj: KubeObject) => string,
  closeAfterInitial: boolean,
): Response {
  const cl = c.get("cluster");
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  for (const line of initial) server.send(line.trimEnd());
  if (closeAfterInitial) {
    server.close(1000, "expired");
    return new Response(null, { status: 101, webSocket: client });
  }
  const unsubscribe = cl.hub.add(filter, {
    send(type, obj) {
      try {
        server.send(render(type, obj).trimEnd());
      } catch {
        unsubscribe();
      }
    },
  });
  server.addEventListener("close", () => unsubscribe());
  server.addEventListener("error", () => unsubscribe());
  return new Response(null, { status: 101, webSocket: client });
}
