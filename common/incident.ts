// Recorded incidents: the metadata header of an incident file. The file itself is OTLP JSON Lines (gzip'd),
// so standard OpenTelemetry tools can read the data; this header is its first line, under the key "chokepoint".
import type { TelemetryCounts } from './telemetry.ts';

export const INCIDENT_FORMAT = 'chokepoint-incident';
export const INCIDENT_FORMAT_VERSION = 1;
/** The key of the header object on the first line of an incident file. */
export const INCIDENT_HEADER_KEY = 'chokepoint';

export interface IncidentHost {
  name: string;
  os: string;
  arch: string;
  cpus: number;
  memoryBytes: number;
}

export interface IncidentHeader {
  format: typeof INCIDENT_FORMAT;
  formatVersion: number;
  title: string;
  notes: string;
  /** When the file was written. Times are Unix nanoseconds as decimal strings, as in OTLP/JSON. */
  createdAtUnixNano: string;
  /** The time range the file covers (inclusive start, exclusive end). */
  fromUnixNano: string;
  toUnixNano: string;
  services: string[];
  host: IncidentHost | null;
  chokepointVersion: string;
  counts: TelemetryCounts;
  /** Findings in force when the file was written, as `analyze --json` prints them (absent when none were run). */
  findings?: unknown[];
  /** Rule thresholds in force when it was recorded, as "rule.threshold" → value. */
  thresholds?: Record<string, number>;
}
