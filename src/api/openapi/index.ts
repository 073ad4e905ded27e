export {
  buildGroupVersionDoc,
  buildOpenApiIndex,
  getGroupVersionDocument,
  openApiHash,
  resolveOpenApiPath,
  servedGroupVersions,
  type BuiltDocument,
  type GroupVersion,
  type OpenApiDocument,
  type OpenApiIndex,
  type OpenApiOptions,
} from "./document";
export { definitionId } from "./names";
export { PATCH_CONTENT_TYPES } from "./paths";
export { ComponentCollector, type SchemaMetaSource } from "./zod-components";
export { sha256, sha256HexUpper, base64 } from "../../util/hash";
