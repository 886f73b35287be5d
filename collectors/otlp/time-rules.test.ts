// Times after 2262 (past the signed 64-bit nanoseconds the store keeps) reject their item, not the request.
import { describe, expect, it } from 'vitest';
import { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
import { LATEST_UNIX_NANO, timeProblem } from './time-rules.ts';

const TRACE = '5b8efff798038103d269b633813fc60c';
const LATEST = LATEST_UNIX_NANO.toString();
const TOO_LATE = (LATEST_UNIX_NANO + 1n).toString();
const UINT64_MAX = (2n ** 64n - 1n).toString();

function normalizeJson(signal: 'traces' | 'metrics' | 'logs', body: unknown) {
  return normalizeRequest(signal, decodeExportRequest(signal, 'json', new TextEncoder().encode(JSON.stringify(body))));
}

const span = (spanId: string, start: string, end: string, eventTime?: string) => ({
  traceId: TRACE,
  spanId,
  name: 'op',
  kind: 2,
  startTimeUnixNano: start,
  endTimeUnixNano: end,
  events: eventTime === undefined ? [] : [{ timeUnixNano: eventTime, name: 'e' }],
});

describe('time rules', () => {
  it('names the time and the limit', () => {
    expect(timeProblem('endTimeUnixNano', LATEST_UNIX_NANO)).toBeNull();
    expect(timeProblem('endTimeUnixNano', LATEST_UNIX_NANO + 1n)).toMatch(/endTimeUnixNano 9223372036854775808 is after the year 2262/);
  });

  it('rejects spans ending, or with an event, after 2262 and keeps the others', () => {
    const result = normalizeJson('traces', {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span('0000000000000001', '1', LATEST),
                span('0000000000000002', '1', TOO_LATE),
                span('0000000000000003', UINT64_MAX, UINT64_MAX),
                span('0000000000000004', '10', '20', UINT64_MAX),
                span('0000000000000005', '10', '20', '15'),
              ],
            },
          ],
        },
      ],
    });
    expect(result.batch.spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000005']);
    expect(result.rejected).toBe(3);
    expect(result.rejectionMessage).toMatch(/spans\[1\]: endTimeUnixNano 9223372036854775808 is after the year 2262/);
    expect(result.rejectionMessage).toMatch(/spans\[3\]: events\[0\]\.timeUnixNano 18446744073709551615/);
  });

  it('rejects metric points timed or started after 2262', () => {
    const point = (time: string, start = '1') => ({ timeUnixNano: time, startTimeUnixNano: start, asDouble: 1 });
    const result = normalizeJson('metrics', {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [point('5'), point(TOO_LATE), point('5', UINT64_MAX), point(LATEST)] } }] }] }],
    });
    expect(result.batch.metricPoints.map((p) => p.timeUnixNano)).toEqual([5n, LATEST_UNIX_NANO]);
    expect(result.rejected).toBe(2);
    expect(result.rejectionMessage).toMatch(/startTimeUnixNano 18446744073709551615 is after the year 2262/);
  });

  it('rejects log records timed or observed after 2262', () => {
    const result = normalizeJson('logs', {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { timeUnixNano: '5', body: { stringValue: 'ok' } },
                { timeUnixNano: TOO_LATE, body: { stringValue: 'late' } },
                { observedTimeUnixNano: UINT64_MAX, body: { stringValue: 'late observed' } },
              ],
            },
          ],
        },
      ],
    });
    expect(result.batch.logs.map((l) => l.body)).toEqual(['ok']);
    expect(result.rejected).toBe(2);
    expect(result.rejectionMessage).toMatch(/observedTimeUnixNano 18446744073709551615 is after the year 2262/);
  });
});
