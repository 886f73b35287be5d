// Time arithmetic on groups of spans that the trace rules share: did siblings run one after another or side
// by side, how long a group took end to end, how much time its members spent in total.
import type { Span } from '../common/telemetry.ts';

const NANOS_PER_MS = 1e6;

export const spanNanos = (span: Span): bigint => (span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n);
export const nanosToMs = (nanos: bigint): number => Number(nanos) / NANOS_PER_MS;
export const msToNanos = (ms: number): bigint => BigInt(Math.round(ms * NANOS_PER_MS));

/**
 * How far two spans may seem to overlap and still count as one after the other. Real recordings (OTel JS SDK
 * 2.x, Node 20) carry start times cut to whole milliseconds with exact durations, so a query that began right
 * after the previous one ended can appear to start up to 1 ms before that end.
 */
export const TIMESTAMP_SLACK_NANOS = 1_000_000n;

/** True when `next` starts only after `previous` has ended (within the timestamp slack): one after the other. */
export const runsAfter = (previous: Span, next: Span, slackNanos = TIMESTAMP_SLACK_NANOS): boolean => next.startTimeUnixNano + slackNanos >= previous.endTimeUnixNano;

/** Wall time from the earliest start to the latest end of the spans. */
export function extentNanos(spans: readonly Span[]): bigint {
  if (spans.length === 0) return 0n;
  let start = spans[0].startTimeUnixNano;
  let end = spans[0].endTimeUnixNano;
  for (const span of spans) {
    if (span.startTimeUnixNano < start) start = span.startTimeUnixNano;
    if (span.endTimeUnixNano > end) end = span.endTimeUnixNano;
  }
  return end - start;
}

/** Sum of the spans' own durations (what Sentry's detectors call the total span time). */
export const summedNanos = (spans: readonly Span[]): bigint => spans.reduce((total, span) => total + spanNanos(span), 0n);

/** Earliest start first, then earliest end. */
export const byStart = (a: Span, b: Span): number =>
  a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : a.endTimeUnixNano < b.endTimeUnixNano ? -1 : a.endTimeUnixNano > b.endTimeUnixNano ? 1 : 0;

/** The earliest start and the latest end among the spans. */
export function timeRange(spans: readonly Span[]): { startUnixNano: bigint; endUnixNano: bigint } {
  let startUnixNano = spans.length > 0 ? spans[0].startTimeUnixNano : 0n;
  let endUnixNano = spans.length > 0 ? spans[0].endTimeUnixNano : 0n;
  for (const span of spans) {
    if (span.startTimeUnixNano < startUnixNano) startUnixNano = span.startTimeUnixNano;
    if (span.endTimeUnixNano > endUnixNano) endUnixNano = span.endTimeUnixNano;
  }
  return { startUnixNano, endUnixNano };
}
