export type {
  AttributeValue,
  Attributes,
  Resource,
  InstrumentationScope,
  SpanKind,
  SpanStatusCode,
  SpanEvent,
  SpanLink,
  Span,
  MetricType,
  AggregationTemporality,
  Exemplar,
  ExponentialBuckets,
  MetricPointData,
  MetricPoint,
  LogRecord,
  TelemetryBatch,
  Signal,
  TelemetryCounts,
} from './telemetry.ts';
export { ERROR_CODES, HTTP_STATUS_BY_CODE, ChokepointError, asChokepointError } from './error-codes.ts';
export type { ErrorCode, ApiError } from './error-codes.ts';
export { API_ROUTES } from './api-contract.ts';
export { API_PATHS, LIVE_PATH, RECORDINGS_PATH } from './api-paths.ts';
export type { ServiceMapEdge, ServiceMapNode, ServiceMapResponse, ServiceNodeKind } from './service-map.ts';
export type { MetricChartSeries, MetricInfo, MetricSeriesResponse, MetricValueMeaning } from './metric-view.ts';
export type {
  ApiRouteName,
  ApiInput,
  ApiParsedInput,
  ApiResponses,
  HealthResponse,
  InfoResponse,
  ReceiverInfo,
  ServiceSummary,
  OperationInfo,
  SpanRow,
  SpanDetail,
  SeriesPoint,
  HostOverviewResponse,
  LiveStats,
  LiveMessage,
  LiveFindings,
  ListedFinding,
  FindingsResponse,
  IncidentState,
  RecordingState,
  RuleInfo,
  RecordingFile,
} from './api-contract.ts';
export { IPC_CHANNELS } from './ipc-contract.ts';
export type { ApiResult, PreloadApi } from './ipc-contract.ts';
export { INCIDENT_FORMAT, INCIDENT_FORMAT_VERSION, INCIDENT_HEADER_KEY } from './incident.ts';
export type { IncidentHeader, IncidentHost } from './incident.ts';
export { FINDING_KINDS, SEVERITIES } from './findings.ts';
export type { Finding, FindingKind, Severity, FindingEvidence, EvidenceSeries, FindingTechnique } from './findings.ts';
