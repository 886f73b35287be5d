// Migration 1: the whole initial schema. Sizes matter (the goal is ≤250 bytes per span at 10M spans),
// so span rows hold small integers (dictionary ids) and a binary attribute blob. Every span index grows at its end
// (time order), never at random places: the trace-id lookup uses sealed segments (trace_segments) instead of a
// B-tree index on random trace ids, whose page writes made ingest several times slower as the table grew.
// No FOREIGN KEY clauses: the dedup tables are append-only and checking them would cost every insert.

export const INITIAL_SCHEMA = `
-- Dictionary of repeated strings: service/span/metric names, attribute keys, low-cardinality values,
-- normalized statements. Rows reference strings.id.
CREATE TABLE strings (
  id INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);

CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  service_name TEXT NOT NULL,
  service_instance_id TEXT,
  attributes TEXT NOT NULL,
  schema_url TEXT NOT NULL
);

CREATE TABLE scopes (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  attributes TEXT NOT NULL
);

-- One row per span. Ids are raw bytes; *_ns are exact int64 nanoseconds; service/name/db_*/server_address/
-- http_route/partition_id are strings.id. attributes is the binary blob of attribute-format.ts (promoted
-- attributes appear there as references to their column). extra is the binary blob of span-extra-codec.ts
-- (events, links, dropped counts), NULL when the span has none.
CREATE TABLE spans (
  trace_id BLOB NOT NULL,
  span_id BLOB NOT NULL,
  parent_span_id BLOB,
  service INTEGER NOT NULL,
  name INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  start_ns INTEGER NOT NULL,
  duration_ns INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  status_message TEXT,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  trace_state TEXT,
  db_system INTEGER,
  db_namespace INTEGER,
  db_operation INTEGER,
  db_statement INTEGER,
  server_address INTEGER,
  http_route INTEGER,
  http_status INTEGER,
  partition_id INTEGER,
  attributes BLOB,
  extra BLOB
);
-- duration_ns is in the index so "slow spans of this operation" filters without touching the table.
CREATE INDEX spans_by_operation ON spans (service, name, start_ns, duration_ns);
CREATE INDEX spans_by_start ON spans (start_ns);

-- Trace-id lookup. Spans get consecutive rowids; every TRACE_SEGMENT_ROWS rows are "sealed" into one segment:
-- one row per (segment, trace) with the trace's rowids (varint deltas), written in key order at the end of the tree.
-- Spans after the last segment are indexed in memory (rebuilt from the table on open). segment = last rowid it covers.
-- bloom is a bloom filter of the segment's trace ids (trace-bloom.ts), so lookups skip most segments.
CREATE TABLE trace_segment_list (
  segment INTEGER PRIMARY KEY,
  first_rowid INTEGER NOT NULL,
  bloom BLOB NOT NULL
);
CREATE TABLE trace_segments (
  segment INTEGER NOT NULL,
  trace_id BLOB NOT NULL,
  rowids BLOB NOT NULL,
  PRIMARY KEY (segment, trace_id)
) WITHOUT ROWID;

-- Running per-operation totals, kept in the same transactions as span inserts and deletes.
CREATE TABLE span_operations (
  service INTEGER NOT NULL,
  name INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  root_count INTEGER NOT NULL,
  last_seen_ns INTEGER NOT NULL,
  PRIMARY KEY (service, name)
) WITHOUT ROWID;

CREATE TABLE metric_names (
  name INTEGER PRIMARY KEY
);

-- value holds gauge/sum values; data is JSON for histogram, exponential histogram and summary points
-- (and for non-finite gauge/sum values, which SQLite would turn into NULL).
CREATE TABLE metric_points (
  name INTEGER NOT NULL,
  type INTEGER NOT NULL,
  time_ns INTEGER NOT NULL,
  start_ns INTEGER NOT NULL,
  value REAL,
  temporality INTEGER,
  monotonic INTEGER,
  unit INTEGER,
  description INTEGER,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  attributes BLOB,
  data TEXT,
  exemplars TEXT
);
CREATE INDEX metric_points_by_name_time ON metric_points (name, time_ns);

-- ts_ns is the record time, or the observed time when the record has none; time_ns is kept only when it differs.
CREATE TABLE logs (
  ts_ns INTEGER NOT NULL,
  time_ns INTEGER,
  observed_ns INTEGER NOT NULL,
  severity_number INTEGER NOT NULL,
  severity_text INTEGER,
  body TEXT NOT NULL,
  trace_id BLOB,
  span_id BLOB,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  event_name INTEGER,
  dropped_attributes_count INTEGER NOT NULL,
  attributes BLOB
);
CREATE INDEX logs_by_time ON logs (ts_ns);
CREATE INDEX logs_by_trace ON logs (trace_id) WHERE trace_id IS NOT NULL;

CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  score REAL NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  first_seen_ns INTEGER NOT NULL,
  last_seen_ns INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX findings_by_last_seen ON findings (last_seen_ns);

-- Exact row counts per signal, maintained in the writing transactions so counts() never scans.
CREATE TABLE telemetry_counts (
  signal TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO telemetry_counts (signal, count) VALUES ('spans', 0), ('metric_points', 0), ('logs', 0);
`;
