// Messages between the store's worker thread and its client on the main thread.
import type { OperationInfo, ServiceSummary, SpanDetail, SpanRow } from '../common/api-contract.ts';
import type { ErrorCode } from '../common/error-codes.ts';
import type { MetricInfo } from '../common/metric-view.ts';
import type { ServiceMapResponse } from '../common/service-map.ts';
import type { MetricPoint, Signal, TelemetryBatch, TelemetryCounts } from '../common/telemetry.ts';
import type { StoredMetricPoint } from './metric-queries.ts';
import type { RetentionOptions, RetentionResult } from './retention.ts';
import type { StoreBatch, StoreOptions, TelemetryCursor } from './telemetry-store.ts';
import type { StoredSpan } from './span-rows.ts';
import type { SpanSearch } from './span-queries.ts';
import type { FindingQuery, StoredFinding } from './findings.ts';
import type { TimeRange } from './telemetry-range.ts';

/** What the main thread may ask of the store. Every call runs on the worker, one at a time. */
export interface StoreQueries {
  counts(): TelemetryCounts;
  services(): ServiceSummary[];
  operations(service?: string): OperationInfo[];
  recentSpans(query: SpanSearch): SpanRow[];
  trace(traceId: string): SpanDetail[];
  traceOutline(traceId: string): SpanRow[];
  traceSpan(traceId: string, spanId: string): SpanDetail | null;
  metricSeries(name: string, fromUnixNano: bigint, toUnixNano: bigint): StoredMetricPoint[];
  metricNames(): string[];
  metricCatalog(): MetricInfo[];
  serviceMap(fromUnixNano: bigint, toUnixNano: bigint, limit: number): ServiceMapResponse;
  applyRetention(options: RetentionOptions): RetentionResult;
  timeRange(): TimeRange | null;
  telemetryInRange(fromUnixNano: bigint, toUnixNano: bigint): TelemetryBatch;
  telemetrySince(cursor: TelemetryCursor, limit: number, newestOnly?: boolean, newestOf?: number): { spans: StoredSpan[]; metricPoints: MetricPoint[]; cursor: TelemetryCursor; skipped: number };
  findings(query: FindingQuery): StoredFinding[];
  upsertFindings(findings: StoredFinding[]): void;
}

export type StoreQueryName = keyof StoreQueries;

export type RequestEncoding = 'protobuf' | 'json';

/** What a batch decoder module must export (as `decodeBatch`) for the worker to take raw request bodies. */
export type BatchDecoder = (
  signal: Signal,
  encoding: RequestEncoding,
  body: Uint8Array,
) => { batch: TelemetryBatch; rejected: number; rejectionMessage: string };

export interface IngestOutcome {
  rejected: number;
  errorMessage: string;
}

export interface StoreWorkerData {
  store: StoreOptions;
  writer: { maxBatchItems?: number; flushDelayMs?: number };
  /**
   * URL of a module exporting `decodeBatch: BatchDecoder`. The store does not know wire formats; the server
   * plugs its decoder in here so raw request bytes go to the worker (transferred, not cloned).
   */
  decoderModule?: string;
  /**
   * URL of the WAL checkpointer thread's entry (wal-checkpointer.ts). Without it the writer runs every checkpoint
   * itself, as a TelemetryStore opened directly does.
   */
  checkpointerEntry?: string;
}

export type ToStoreWorker =
  | { kind: 'write'; id: number; batch: StoreBatch }
  | { kind: 'ingest'; id: number; signal: Signal; encoding: RequestEncoding; body: Uint8Array }
  | { kind: 'query'; id: number; name: StoreQueryName; args: unknown[] }
  | { kind: 'close'; id: number };

export type FromStoreWorker =
  /** checkpointerProblem: why the checkpointer thread could not start (the writer then checkpoints), or null. */
  | { kind: 'ready'; databaseFile: string; dictionary: [number, string][]; movedAside: string | null; checkpointerProblem: string | null }
  /** Strings the last commits added to the dictionary (for the client's DictionaryMirror). */
  | { kind: 'dictionary'; added: [number, string][] }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; code: ErrorCode; message: string }
  | { kind: 'fatal'; code: ErrorCode; message: string };
