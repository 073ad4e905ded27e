// Fan-out of committed changes to open watches. Each watch has a filter and a sink; the hub turns an
// object that stops matching a watch's selector into DELETED and one that starts matching into ADDED.
import type { KubeObject } from "../api/kinds";
import type { Change, WatchEventType } from "./types";

export interface WatchFilter {
  resource: string;
  namespace?: string;
  matches(obj: KubeObject): boolean;
}

export interface WatchSink {
  send(type: WatchEventType | "BOOKMARK", obj: KubeObject, rv: number): void;
}

interface Watcher {
  filter: WatchFilter;
  sink: WatchSink;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  get size(): number {
    return this.watchers.size;
  }

  add(filter: WatchFilter, sink: WatchSink): () => void {
    const w = { filter, sink };
    this.watchers.add(w);
    return () => {
      this.watchers.delete(w);
    };
  }

  publish(change: Change): void {
    for (const w of this.watchers) {
      const ev = eventFor(w.filter, change);
      if (ev) w.sink.send(ev, change.object, change.rv);
    }
  }
}

/** the event a watch with this filter sees for a change, if any */
export function eventFor(filter: WatchFilter, change: Change): WatchEventType | undefined {
  if (change.resource !== filter.resource) return undefined;
  if (filter.namespace !== undefined && change.namespace !== filter.namespace) return undefined;
  const now = filter.matches(change.object);
  if (change.type === "DELETED") return change.old === undefined || filter.matches(change.old) || now ? "DELETED" : undefined;
  if (change.type === "ADDED") return now ? "ADDED" : undefined;
  // replayed changes carry no old object: a non-matching modification may have been a match before
  const before = change.old === undefined ? true : filter.matches(change.old);
  if (now && before) return "MODIFIED";
  if (now && !before) return "ADDED";
  if (!now && before) return "DELETED";
  return undefined;
}
