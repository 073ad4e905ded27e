// Serialisable filesystem state. A container's root is its image (never stored: rebuilt
// from the catalog by key) plus an upper layer of changes, the way overlayfs works; volumes
// are layers without a base. Keeping only the changes keeps thousands of pods small in SQLite.

export interface FsDir {
  t: "d";
  mode: number;
  mtime: number;
  /** hides everything the base layer has below this directory (recreated after removal) */
  opaque?: boolean;
}
export interface FsFile {
  t: "f";
  mode: number;
  mtime: number;
  data: string;
  /** apparent size for files whose bytes are not simulated (binaries) */
  size?: number;
}
export interface FsLink {
  t: "l";
  mode: number;
  mtime: number;
  target: string;
}
export type FsNode = FsDir | FsFile | FsLink;

export interface FsLayer {
  /** key of the image whose files lie below (see images/image-fs); absent for volumes */
  base?: string;
  /** path → node, or null for a removal (whiteout) */
  upper: Record<string, FsNode | null>;
}

export interface FsMount {
  /** absolute mount point in the container */
  path: string;
  /** id the caller resolves to a layer (emptyDir, PV, configMap projection...) */
  volumeId: string;
  readOnly?: boolean;
  /** subPath inside the volume */
  subPath?: string;
}

/** A base layer provider: flat map path → node, built once per image and cached. */
export type BaseResolver = (key: string) => Record<string, FsNode> | undefined;
