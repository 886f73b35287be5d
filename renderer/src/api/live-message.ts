// Shape check for messages on the live channel: a bad frame is dropped, not trusted.
import type { LiveMessage } from '../../../common/api-contract.ts';
import type { TelemetryCounts } from '../../../common/telemetry.ts';

function isCounts(value: unknown): value is TelemetryCounts {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (['spans', 'metricPoints', 'logs'] as const).every(
    (key) => typeof record[key] === 'number' && Number.isFinite(record[key]),
  );
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
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record.type !== 'stats' || !isCounts(record.counts) || !isCounts(record.rates)) return null;
  if (typeof record.atUnixMs !== 'number') return null;
  return { type: 'stats', counts: record.counts, rates: record.rates, atUnixMs: record.atUnixMs };
}
