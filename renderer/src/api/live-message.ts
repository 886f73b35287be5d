// Shape check for messages on the live channel: a bad frame is dropped, not trusted.
import type { ListedFinding, LiveFindings, LiveMessage, LiveStats } from '../../../common/api-contract.ts';
import { SEVERITIES } from '../../../common/findings.ts';
import type { TelemetryCounts } from '../../../common/telemetry.ts';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCounts(value: unknown): value is TelemetryCounts {
  if (!isRecord(value)) return false;
  return (['spans', 'metricPoints', 'logs'] as const).every(
    (key) => typeof value[key] === 'number' && Number.isFinite(value[key]),
  );
}

/** The fields the console reads without further checks. */
function isFinding(value: unknown): value is ListedFinding {
  if (!isRecord(value) || !isRecord(value.evidence)) return false;
  const evidence = value.evidence;
  return (
    typeof value.id === 'string' &&
    typeof value.kind === 'string' &&
    typeof value.title === 'string' &&
    typeof value.summary === 'string' &&
    (SEVERITIES as readonly unknown[]).includes(value.severity) &&
    typeof value.score === 'number' &&
    typeof value.confidence === 'number' &&
    typeof value.onsetUnixNano === 'string' &&
    typeof value.endUnixNano === 'string' &&
    Array.isArray(value.techniques) &&
    Array.isArray(evidence.series) &&
    Array.isArray(evidence.spans) &&
    Array.isArray(evidence.traceIds) &&
    isRecord(evidence.numbers)
  );
}

function parseStats(record: Json): LiveStats | null {
  if (!isCounts(record.counts) || !isCounts(record.rates) || typeof record.atUnixMs !== 'number') return null;
  return { type: 'stats', counts: record.counts, rates: record.rates, atUnixMs: record.atUnixMs };
}

function parseFindings(record: Json): LiveFindings | null {
  const at = record.evaluatedAtUnixNano;
  if (!Array.isArray(record.findings) || !(at === null || (typeof at === 'string' && /^\d+$/.test(at)))) return null;
  // One malformed finding drops only itself.
  return { type: 'findings', findings: record.findings.filter(isFinding), evaluatedAtUnixNano: at };
}

export function parseLiveMessage(data: unknown): LiveMessage | null {
  let value: unknown = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data) as unknown;
    } catch {
      return null;
    }
  }
  if (!isRecord(value)) return null;
  if (value.type === 'stats') return parseStats(value);
  if (value.type === 'findings') return parseFindings(value);
  return null;
}
