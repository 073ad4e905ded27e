// Walks zod 4 schemas and writes OpenAPI v3 component schemas the way kube-openapi does:
// named types (meta `id`) become components referenced through `allOf`, properties are sorted,
// patch/list extensions from field metadata are copied onto the property.
import { z } from "zod";
import {
  BUILTIN_COMPONENTS,
  ID,
  MINIMAL_OBJECT_META,
  REF_PREFIX,
  SCALAR_SHAPES,
  type JsonObject,
} from "./well-known-schemas";

type ZodSchema = z.core.$ZodType;

/** What is needed from a zod registry (z.globalRegistry or z.registry()). */
export interface SchemaMetaSource {
  /** metadata of a schema, inherited from clone parents (minus their id) */
  get(schema: ZodSchema): object | undefined;
  /** metadata registered on exactly this schema */
  _map: { get(schema: ZodSchema): object | undefined };
  _idmap: Map<string, ZodSchema>;
}

/**
 * Reads metadata from several registries: `.meta()`/`.describe()` always write to zod's global
 * registry, while named types may live in an exported one. Later sources win on conflicts.
 */
export function combineMetaSources(sources: SchemaMetaSource[]): SchemaMetaSource {
  const unique = [...new Set(sources)];
  if (unique.length === 1) return unique[0];
  const idmap = new Map<string, ZodSchema>();
  for (const source of unique) for (const [id, schema] of source._idmap) idmap.set(id, schema);
  const own = (schema: ZodSchema): Record<string, unknown> | undefined => {
    let merged: Record<string, unknown> | undefined;
    for (const source of unique) {
      const meta = source._map.get(schema);
      if (meta) merged = { ...(merged ?? {}), ...meta };
    }
    return merged;
  };
  // same inheritance rule as zod's registry: a clone inherits its parent's metadata except the id
  const get = (schema: ZodSchema): Record<string, unknown> | undefined => {
    const parent = schema._zod.parent;
    if (!parent) return own(schema);
    const inherited = { ...(get(parent) ?? {}) };
    delete inherited.id;
    const merged = { ...inherited, ...(own(schema) ?? {}) };
    return Object.keys(merged).length > 0 ? merged : undefined;
  };
  return { get, _map: { get: own }, _idmap: idmap };
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

type Position = "property" | "item" | "value";

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch", "lazy", "pipe"]);
const NULLISH = new Set(["null", "undefined", "void", "never"]);
const FIELD_META_KEYS = new Set(["description", "format", "default", "enum", "deprecated", "maxLength", "minimum", "maximum", "pattern"]);

export function isZodSchema(value: unknown): value is ZodSchema {
  return typeof value === "object" && value !== null && "_zod" in value;
}

function defOf(schema: ZodSchema): Record<string, unknown> {
  return schema._zod.def as unknown as Record<string, unknown>;
}

function typeOf(schema: ZodSchema): string {
  return String(defOf(schema).type);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function child(schema: ZodSchema, key: string): ZodSchema | undefined {
  const value = defOf(schema)[key];
  return isZodSchema(value) ? value : undefined;
}

/** One step through a wrapper that does not change the wire shape. */
function unwrapOnce(schema: ZodSchema): ZodSchema | undefined {
  const type = typeOf(schema);
  if (type === "lazy") {
    const getter = defOf(schema).getter;
    if (typeof getter === "function") {
      const inner: unknown = getter();
      return isZodSchema(inner) ? inner : undefined;
    }
    return undefined;
  }
  if (type === "pipe") {
    // the request body is the pipe's input; transforms only change what the server keeps
    const input = child(schema, "in");
    return input && typeOf(input) !== "transform" ? input : child(schema, "out");
  }
  if (WRAPPERS.has(type)) return child(schema, "innerType");
  if (type === "union") {
    const options = unionOptions(schema).filter((o) => !NULLISH.has(typeOf(o)));
    return options.length === 1 ? options[0] : undefined;
  }
  return undefined;
}

function unwrapAll(schema: ZodSchema): ZodSchema {
  let s = schema;
  for (let i = 0; i < 64; i++) {
    const inner = unwrapOnce(s);
    if (!inner) return s;
    s = inner;
  }
  return s;
}

function unionOptions(schema: ZodSchema): ZodSchema[] {
  const options = defOf(schema).options;
  return Array.isArray(options) ? options.filter(isZodSchema) : [];
}

function isFieldMetaKey(key: string): boolean {
  return FIELD_META_KEYS.has(key) || (key.startsWith("x-kubernetes-") && key !== "x-kubernetes-group-version-kind");
}

function pickFieldMeta(meta: object | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(meta ?? {})) {
    if (value !== undefined && isFieldMetaKey(key)) out[key] = value;
  }
  return out;
}

function mergeMissing(target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) if (!(key in target)) target[key] = value;
}

function sortedGvks(list: GroupVersionKind[]): Array<Record<string, string>> {
  return list.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
}

/** Reads `gvk` (or the already-spelled extension) from type metadata. */
export function gvksFromMeta(meta: object | undefined): GroupVersionKind[] {
  const record = asRecord(meta);
  const raw = record.gvk ?? record["x-kubernetes-group-version-kind"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: GroupVersionKind[] = [];
  for (const item of list) {
    const r = asRecord(item);
    if (typeof r.group === "string" && typeof r.version === "string" && typeof r.kind === "string") {
      out.push({ group: r.group, version: r.version, kind: r.kind });
    }
  }
  return out;
}

export class ComponentCollector {
  private readonly components = new Map<string, JsonObject>();
  private readonly objectIds = new Map<string, boolean>();

  constructor(private readonly meta: SchemaMetaSource) {}

  /** The named type a schema is, directly or through clones made by .meta()/.describe()/.refine(). */
  namedType(schema: ZodSchema): { id: string; owner: ZodSchema } | undefined {
    let s: ZodSchema | undefined = schema;
    for (let i = 0; s && i < 64; i++) {
      const id = asRecord(this.meta.get(s)).id;
      if (typeof id === "string" && id.length > 0) return { id, owner: s };
      s = s._zod.parent;
    }
    return undefined;
  }

  /** Like namedType, but also looks through lazy/optional wrappers (resource schemas are often z.lazy). */
  namedTypeThroughWrappers(schema: ZodSchema): { id: string; owner: ZodSchema } | undefined {
    let s: ZodSchema | undefined = schema;
    for (let i = 0; s && i < 64; i++) {
      const named = this.namedType(s);
      if (named) return named;
      s = unwrapOnce(s);
    }
    return undefined;
  }

  schemaById(id: string): ZodSchema | undefined {
    return this.meta._idmap.get(id);
  }

  has(id: string): boolean {
    return this.components.has(id);
  }

  /**
   * Makes sure component `id` exists (built from `schema`, the registry, or the builtins) and
   * tells whether it is an object, which decides the `default: {}` of references to it.
   */
  ensure(id: string, schema?: ZodSchema): boolean {
    const known = this.objectIds.get(id);
    if (known !== undefined) return known;

    const scalar = SCALAR_SHAPES[id];
    if (scalar) {
      const source = schema ?? this.schemaById(id);
      const description = source ? asRecord(this.meta.get(source)).description : undefined;
      const shape: JsonObject = typeof description === "string" ? { ...scalar, description } : { ...scalar };
      this.components.set(id, shape);
      this.objectIds.set(id, shape.type === "object");
      return shape.type === "object";
    }

    const source = schema ?? this.schemaById(id);
    if (!source) return this.ensureBuiltin(id);

    const isObject = isObjectLike(source);
    this.objectIds.set(id, isObject); // set before recursing so self-references terminate
    this.components.set(id, {});
    const body = this.typeSchema(source);
    const typeMeta = asRecord(this.meta.get(source));
    const out: JsonObject = {};
    if (typeof typeMeta.description === "string") out.description = typeMeta.description;
    Object.assign(out, body);
    for (const [key, value] of Object.entries(typeMeta)) {
      if (key.startsWith("x-kubernetes-") && key !== "x-kubernetes-group-version-kind" && value !== undefined) out[key] = value;
    }
    if (typeof typeMeta.format === "string") out.format = typeMeta.format;
    const gvks = gvksFromMeta(typeMeta);
    if (gvks.length > 0) out["x-kubernetes-group-version-kind"] = sortedGvks(gvks);
    this.components.set(id, out);
    return isObject;
  }

  private ensureBuiltin(id: string): boolean {
    const builtin = BUILTIN_COMPONENTS[id];
    if (builtin) {
      this.objectIds.set(id, true);
      this.components.set(id, structuredClone(builtin.schema));
      for (const ref of builtin.refs) this.ensure(ref);
      if (id === ID.scale) this.ensure(ID.objectMeta);
      return true;
    }
    this.objectIds.set(id, true);
    this.components.set(id, id === ID.objectMeta ? structuredClone(MINIMAL_OBJECT_META) : { type: "object" });
    return true;
  }

  /** Overwrites (or adds) the group-version-kind extension of a component. */
  setGvks(id: string, gvks: GroupVersionKind[]): void {
    const component = this.components.get(id);
    if (component) component["x-kubernetes-group-version-kind"] = sortedGvks(gvks);
  }

  /** Adds a component written by hand (list types, synthesized subresource kinds). */
  put(id: string, schema: JsonObject): void {
    this.components.set(id, schema);
    this.objectIds.set(id, schema.type === "object");
  }

  get(id: string): JsonObject | undefined {
    return this.components.get(id);
  }

  /** Components sorted by id, like upstream documents. */
  toJSON(): Record<string, JsonObject> {
    const out: Record<string, JsonObject> = {};
    for (const id of [...this.components.keys()].sort()) out[id] = this.components.get(id) ?? {};
    return out;
  }

  /** The schema of a field, an array item or a map value. */
  field(schema: ZodSchema, position: Position): JsonObject {
    let s = schema;
    const fieldMeta: JsonObject = {};
    for (let i = 0; i < 64; i++) {
      const named = this.namedType(s);
      if (named) {
        mergeMissing(fieldMeta, this.fieldOnlyMeta(s, named.owner));
        return this.reference(named.id, named.owner, position, fieldMeta);
      }
      mergeMissing(fieldMeta, pickFieldMeta(this.meta.get(s)));
      const inner = unwrapOnce(s);
      if (!inner) break;
      s = inner;
    }
    const out: JsonObject = { ...this.typeSchema(s), ...fieldMeta };
    // a declared int32/int64 format on a plain z.number() means a Go integer field
    if (out.type === "number" && (out.format === "int32" || out.format === "int64")) out.type = "integer";
    if (position === "item" && out.type === "string" && !("default" in out) && !("enum" in out)) out.default = "";
    return out;
  }

  /** Metadata a clone of a named type adds on top of the type itself (the field's own docs). */
  private fieldOnlyMeta(schema: ZodSchema, owner: ZodSchema): JsonObject {
    if (schema === owner) return {};
    const merged = pickFieldMeta(this.meta.get(schema));
    const typeMeta = asRecord(this.meta.get(owner));
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(merged)) if (typeMeta[key] !== value) out[key] = value;
    return out;
  }

  private reference(id: string, owner: ZodSchema, position: Position, fieldMeta: JsonObject): JsonObject {
    const isObject = this.ensure(id, owner);
    const ref = { $ref: REF_PREFIX + id };
    const hasExtras = Object.keys(fieldMeta).length > 0;
    if (position !== "property" && !hasExtras && !isObject) return ref;
    const out: JsonObject = { allOf: [ref] };
    if (isObject) out.default = {};
    return { ...out, ...fieldMeta };
  }

  /** Structural conversion of a schema that is not itself referenced by id. */
  typeSchema(schema: ZodSchema): JsonObject {
    const s = unwrapAll(schema);
    const def = defOf(s);
    switch (typeOf(s)) {
      case "object":
        return this.objectSchema(s);
      case "record": {
        const value = child(s, "valueType");
        return { additionalProperties: value ? this.field(value, "value") : {}, type: "object" };
      }
      case "map": {
        const value = child(s, "valueType");
        return { additionalProperties: value ? this.field(value, "value") : {}, type: "object" };
      }
      case "array":
      case "set": {
        const element = child(s, typeOf(s) === "array" ? "element" : "valueType");
        return { items: element ? this.field(element, "item") : {}, type: "array" };
      }
      case "tuple": {
        const items = Array.isArray(def.items) ? def.items.filter(isZodSchema) : [];
        return { items: items.length > 0 ? this.field(items[0], "item") : {}, type: "array" };
      }
      case "string":
      case "template_literal":
        return stringSchema(s);
      case "number":
        return numberSchema(s);
      case "bigint":
        return { format: "int64", type: "integer" };
      case "int":
        return { format: "int32", type: "integer" };
      case "boolean":
        return { type: "boolean" };
      case "date":
        return { format: "date-time", type: "string" };
      case "literal":
        return literalSchema(Array.isArray(def.values) ? def.values : []);
      case "enum": {
        const values = Object.values(asRecord(def.entries));
        return { ...literalSchema(values), enum: values };
      }
      case "union":
        return this.unionSchema(unionOptions(s));
      case "intersection": {
        const left = child(s, "left");
        const right = child(s, "right");
        return mergeObjects([left, right].filter(isZodSchema).map((p) => this.typeSchema(p)));
      }
      default:
        return {};
    }
  }

  private objectSchema(schema: ZodSchema): JsonObject {
    const shape = asRecord(defOf(schema).shape);
    const keys = Object.keys(shape).filter((k) => isZodSchema(shape[k]));
    const properties: Record<string, JsonObject> = {};
    const required: string[] = [];
    for (const key of [...keys].sort()) {
      const value = shape[key];
      if (isZodSchema(value)) properties[key] = this.field(value, "property");
    }
    for (const key of keys) {
      const value = shape[key];
      if (isZodSchema(value) && value._zod.optin === undefined) required.push(key);
    }
    const out: JsonObject = {};
    if (keys.length > 0) out.properties = properties;
    if (required.length > 0) out.required = required;
    const catchall = child(schema, "catchall");
    if (keys.length === 0 && catchall && !["unknown", "any", "never"].includes(typeOf(catchall))) {
      out.additionalProperties = this.field(catchall, "value");
    }
    out.type = "object";
    return out;
  }

  private unionSchema(all: ZodSchema[]): JsonObject {
    const options = all.filter((o) => !NULLISH.has(typeOf(o)));
    const bases = options.map(unwrapAll);
    const kinds = new Set(bases.map(typeOf));
    if ([...kinds].every((k) => k === "literal" || k === "enum")) {
      const values: unknown[] = [];
      for (const b of bases) {
        const d = defOf(b);
        values.push(...(typeOf(b) === "enum" ? Object.values(asRecord(d.entries)) : Array.isArray(d.values) ? d.values : []));
      }
      return { ...literalSchema(values), enum: values };
    }
    if (bases.length > 0 && bases.every((b) => isObjectLike(b) && !this.namedType(b))) {
      return mergeObjects(bases.map((b) => this.typeSchema(b)));
    }
    if (kinds.size === 2 && kinds.has("string") && (kinds.has("number") || kinds.has("int"))) {
      // an anonymous int|string is what upstream calls IntOrString
      return { format: "int-or-string", type: "string" };
    }
    return { oneOf: options.map((o) => this.field(o, "item")) };
  }
}

function isObjectLike(schema: ZodSchema): boolean {
  const s = unwrapAll(schema);
  const type = typeOf(s);
  if (type === "object" || type === "record" || type === "intersection" || type === "map") return true;
  if (type === "union") {
    const options = unionOptions(s).filter((o) => !NULLISH.has(typeOf(o)));
    return options.length > 0 && options.every(isObjectLike);
  }
  return false;
}

/** zod keeps string/number formats on the def (z.int()) or on a format check (.int(), .datetime()). */
function formatOf(schema: ZodSchema): string | undefined {
  const def = defOf(schema);
  if (typeof def.format === "string") return def.format;
  const checks = Array.isArray(def.checks) ? def.checks : [];
  for (const check of checks) {
    const checkDef = isZodSchema(check) ? defOf(check) : asRecord(asRecord(asRecord(check)._zod).def);
    if (typeof checkDef.format === "string") return checkDef.format;
  }
  const bagFormat = schema._zod.bag.format;
  return typeof bagFormat === "string" ? bagFormat : undefined;
}

function stringSchema(schema: ZodSchema): JsonObject {
  const format = formatOf(schema);
  const formats: Record<string, string> = { datetime: "date-time", date: "date", base64: "byte", uuid: "uuid", email: "email" };
  const mapped = typeof format === "string" ? formats[format] : undefined;
  return mapped ? { format: mapped, type: "string" } : { type: "string" };
}

function numberSchema(schema: ZodSchema): JsonObject {
  const format = formatOf(schema);
  if (format === "safeint" || format === "int32" || format === "uint32") return { format: "int32", type: "integer" };
  if (format === "float32") return { format: "float", type: "number" };
  return { format: "double", type: "number" };
}

function literalSchema(values: unknown[]): JsonObject {
  const first = values[0];
  if (typeof first === "number") return Number.isInteger(first) ? { type: "integer" } : { type: "number" };
  if (typeof first === "boolean") return { type: "boolean" };
  return { type: "string" };
}

/** Union/intersection of structs: one struct with every property, required only where all agree. */
function mergeObjects(parts: JsonObject[]): JsonObject {
  const properties: Record<string, unknown> = {};
  let required: string[] | undefined;
  for (const part of parts) {
    Object.assign(properties, asRecord(part.properties));
    const req = Array.isArray(part.required) ? part.required.filter((r): r is string => typeof r === "string") : [];
    required = required === undefined ? req : required.filter((r) => req.includes(r));
  }
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(properties).sort()) sorted[key] = properties[key];
  const out: JsonObject = {};
  if (Object.keys(sorted).length > 0) out.properties = sorted;
  if (required && required.length > 0) out.required = required;
  out.type = "object";
  return out;
}
