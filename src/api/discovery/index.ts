export {
  AGGREGATED_DISCOVERY_V2_CONTENT_TYPE,
  AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE,
  aggregatedContentType,
  buildAggregatedDiscovery,
  type APIGroupDiscovery,
  type APIGroupDiscoveryList,
  type APIResourceDiscovery,
  type APISubresourceDiscovery,
  type APIVersionDiscovery,
  type AggregatedDiscoveryOptions,
  type AggregatedDiscoveryVersion,
} from "./aggregated";
export {
  buildApiGroup,
  buildApiGroupList,
  buildApiResourceList,
  buildApiVersions,
  type APIGroup,
  type APIGroupList,
  type APIResource,
  type APIResourceList,
  type APIVersions,
  type LegacyDiscoveryOptions,
} from "./legacy";
export { negotiateDiscovery, type DiscoveryFormat } from "./negotiation";
export {
  GROUP_PRIORITY,
  compareGroups,
  compareVersions,
  resourcesIn,
  servedGroups,
  type DiscoveryOptions,
  type GroupInfo,
  type ResourceOrder,
} from "./ordering";
export { storageVersionHash } from "./storage-version-hash";
export { DEFAULT_VERSION_INFO, SERVER_GIT_VERSION, buildVersionInfo, type VersionInfo } from "./version-info";
