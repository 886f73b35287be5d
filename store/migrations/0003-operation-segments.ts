// Migration 3: spans of each operation are found through operation_segments (store/operation-index.ts) instead of
// the spans_by_operation index, whose inserts into the middle of the tree cost ~1 µs a span. Segments already
// sealed are filled by the migration's backfill.
export const OPERATION_SEGMENTS_SCHEMA = `
-- One row per (operation, sealed trace segment): the operation's spans in that segment, packed
-- (store/operation-entries.ts): rowids, starts (from min_start_ns) and durations.
CREATE TABLE operation_segments (
  service INTEGER NOT NULL,
  name INTEGER NOT NULL,
  segment INTEGER NOT NULL,
  min_start_ns INTEGER NOT NULL,
  max_start_ns INTEGER NOT NULL,
  entries BLOB NOT NULL,
  PRIMARY KEY (service, name, segment)
) WITHOUT ROWID;
DROP INDEX spans_by_operation;
`;
