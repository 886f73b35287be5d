// Public surface of the store. Everything else in store/ is internal.
export { TelemetryStore } from './telemetry-store.ts';
export type { StoreOptions, RetentionPolicy, TelemetryCursor } from './telemetry-store.ts';
export { BatchWriter } from './batch-writer.ts';
export type { BatchWriterOptions, BatchSink } from './batch-writer.ts';
export { applyRetention } from './retention.ts';
export type { RetentionOptions, RetentionResult } from './retention.ts';
export { measureRawInsertFloor } from './raw-floor.ts';
export type { RawFloorResult } from './raw-floor.ts';
export { normalizeStatement } from '../common/normalize-statement.ts';
export type { SpanSearch, SpanRange } from './span-queries.ts';
export type { StoredSpan } from './span-rows.ts';
export type { StoredMetricPoint } from './metric-queries.ts';
export type { StoredFinding, FindingQuery } from './findings.ts';
export { StoreClient } from './store-client.ts';
export type { StoreClientOptions } from './store-client.ts';
export type { WriteProblem } from './write-pause.ts';
export type { StoreQueries, StoreQueryName } from './store-protocol.ts';
export type { TimeRange } from './telemetry-range.ts';
