// Per-minute duration histograms per operation (see store/latency-rollup.ts): percentiles over long windows
// without reading every span. Existing spans are counted in by the migration's backfill.
export const OPERATION_LATENCY_SCHEMA = `
CREATE TABLE operation_latency (
  service INTEGER NOT NULL,
  name INTEGER NOT NULL,
  -- start_ns / 60e9: the minute the spans started in.
  minute INTEGER NOT NULL,
  -- floor(log2(duration_ns) * 16): 16 buckets per doubling.
  bucket INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  PRIMARY KEY (service, name, minute, bucket)
) WITHOUT ROWID;
`;
