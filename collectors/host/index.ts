// Host sampler: the local machine's CPU, memory, paging, disk, network and load as OpenTelemetry
// system semantic-convention metric points.

export { startHostSampler, unixNanoNow } from './host-sampler.ts';
export type { HostSampler, HostSamplerOptions, HostSourceKind } from './host-sampler.ts';
export { HOST_METRICS, HOST_METRIC_NAMES } from './host-metric-specs.ts';
export { HOST_SAMPLER_SCOPE, HOST_SERVICE_NAME, HOST_SCHEMA_URL, hostResource } from './host-resource.ts';
export { createProcSource } from './read-proc-snapshot.ts';
export { createSysteminformationSource } from './sample-systeminformation.ts';
export { snapshotToPoints } from './snapshot-to-points.ts';
export type { HostSnapshot, SnapshotResult, SnapshotSource } from './host-snapshot.ts';
