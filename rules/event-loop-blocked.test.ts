import { describe, expect, it } from 'vitest';
import type { MetricPoint, Span } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource, buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { eventLoopBlocked } from './event-loop-blocked.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const shop = buildResource('shop');
const defaults = thresholdValues(eventLoopBlocked);
const MS = 1_000_000n;

interface LoopSample {
  /** Raw p99 as monitorEventLoopDelay reports it (includes the ~10 ms sampling interval), ms; null = not exported. */
  p99Ms: number | null;
  maxMs?: number;
  elu: number;
}

/**
 * Runtime-node metrics every 2 s for `seconds`, as runtime-node exports them: seconds; an idle p50 of 9.5 ms
 * (the sampling interval); a min that drops under 1 ms now and then (timers firing back to back), as recorded.
 */
function runtime(seconds: number, at: (second: number) => LoopSample, names = { p99: 'nodejs.eventloop.delay.p99', max: 'nodejs.eventloop.delay.max', p50: 'nodejs.eventloop.delay.p50', min: 'nodejs.eventloop.delay.min' }): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let s = 0; s < seconds; s += 2) {
    const sample = at(s);
    const time = T0 + BigInt(s) * SECOND;
    const gauge = (name: string, value: number, unit: string) => buildMetricPoint({ type: 'gauge', value }, { resource: shop, name, unit, attributes: {}, timeUnixNano: time });
    points.push(gauge('nodejs.eventloop.utilization', sample.elu, '1'));
    if (sample.p99Ms === null) continue;
    const p50Ms = Math.min(sample.p99Ms, 9.5 + (sample.p99Ms - 12) * 0.9);
    points.push(
      gauge(names.p99, sample.p99Ms / 1000, 's'),
      gauge(names.max, (sample.maxMs ?? sample.p99Ms) / 1000, 's'),
      gauge(names.p50, Math.max(9.5, p50Ms) / 1000, 's'),
      gauge(names.min, s % 10 === 6 ? 0.0002 : 0.009, 's'),
    );
  }
  return points;
}

/** One server span of `shop` starting every second, lasting durationAt(second) ms. */
function serverSpans(seconds: number, durationAt: (second: number) => number): Span[] {
  return Array.from({ length: seconds }, (_, s) => {
    const start = T0 + BigInt(s) * SECOND;
    return buildSpan({ resource: shop, traceId: traceIdFor(s), spanId: spanIdFor(s), name: 'GET /orders/:id', kind: 'server', startTimeUnixNano: start, endTimeUnixNano: start + BigInt(Math.round(durationAt(s))) * MS });
  });
}

const healthy: LoopSample = { p99Ms: 12, maxMs: 20, elu: 0.2 };

describe('event-loop-blocked', () => {
  it('fires critical when delay and utilization both stay high, with onset, net delay and the slowest spans', () => {
    const metricPoints = runtime(80, (s) => (s < 40 ? healthy : { p99Ms: 260, maxMs: 410, elu: 0.97 }));
    const spans = serverSpans(80, (s) => (s < 40 ? 10 : s === 61 ? 900 : 300));
    const [finding] = eventLoopBlocked.evaluate(evidenceOf({ metricPoints, spans }, T0 + 80n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop', onsetUnixNano: T0 + 40n * SECOND, endUnixNano: T0 + 78n * SECOND });
    // 260 ms reported, less the 9.5 ms sampling interval.
    expect(finding.evidence.numbers['eventloop.delay.p99.mean_ms']).toBeCloseTo(250.5, 5);
    expect(finding.evidence.numbers['eventloop.delay.max.peak_ms']).toBeCloseTo(400.5, 5);
    expect(finding.summary).toContain('251 ms');
    expect(finding.summary).toContain('97%');
    expect(finding.evidence.comparison?.[0]).toMatchObject({ before: 10, after: 300 });
    expect(finding.evidence.spans[0].spanId).toBe(spanIdFor(61));
    expect(finding.confidence).toBeCloseTo(0.9, 5);
  });

  it('fires warning on delay alone, and reads prom-client’s nodejs_eventloop_lag_* names', () => {
    const names = { p99: 'nodejs_eventloop_lag_p99_seconds', max: 'nodejs_eventloop_lag_max_seconds', p50: 'nodejs_eventloop_lag_p50_seconds', min: 'nodejs_eventloop_lag_min_seconds' };
    const metricPoints = runtime(60, (s) => (s < 20 ? healthy : { p99Ms: 150, elu: 0.6 }), names);
    const [finding] = eventLoopBlocked.evaluate(evidenceOf({ metricPoints }, T0 + 60n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', onsetUnixNano: T0 + 20n * SECOND });
    expect(finding.evidence.numbers['eventloop.delay.p99.mean_ms']).toBeCloseTo(140.5, 5);
    expect(finding.confidence).toBeCloseTo(0.75, 5);
  });

  it('when the loop was never idle in the window, subtracts at most 20 ms for the sampling interval', () => {
    const [finding] = eventLoopBlocked.evaluate(evidenceOf({ metricPoints: runtime(60, () => ({ p99Ms: 400, elu: 0.7 })) }, T0 + 60n * SECOND), defaults);
    expect(finding.evidence.numbers['eventloop.delay.p99.mean_ms']).toBeCloseTo(380, 5);
  });

  it('still fires when runtime-node drops the delay metrics during the worst blocking (utilization stays)', () => {
    const metricPoints = runtime(70, (s) => (s < 30 ? healthy : { p99Ms: null, elu: 0.99 }));
    const [finding] = eventLoopBlocked.evaluate(evidenceOf({ metricPoints }, T0 + 70n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', onsetUnixNano: T0 + 30n * SECOND });
    expect(finding.evidence.numbers['eventloop.utilization.mean']).toBeCloseTo(0.99, 5);
    expect(finding.confidence).toBeCloseTo(0.6, 5);
  });

  it('stays quiet on a healthy loop with single GC pauses, and on a 10-second burst', () => {
    const gcSpikes = runtime(120, (s) => (s % 30 === 0 ? { p99Ms: 180, maxMs: 240, elu: 0.4 } : healthy));
    expect(eventLoopBlocked.evaluate(evidenceOf({ metricPoints: gcSpikes }, T0 + 120n * SECOND), defaults)).toEqual([]);
    const burst = runtime(120, (s) => (s >= 50 && s < 60 ? { p99Ms: 600, elu: 0.99 } : healthy));
    expect(eventLoopBlocked.evaluate(evidenceOf({ metricPoints: burst }, T0 + 120n * SECOND), defaults)).toEqual([]);
  });

  it('judges the delay net of the sampling interval: 99 ms over the line does not fire, 101 ms does', () => {
    const at = (netMs: number) => runtime(60, (s) => (s < 20 ? healthy : { p99Ms: netMs + 9.5, elu: 0.5 }));
    expect(eventLoopBlocked.evaluate(evidenceOf({ metricPoints: at(99) }, T0 + 60n * SECOND), defaults)).toEqual([]);
    expect(eventLoopBlocked.evaluate(evidenceOf({ metricPoints: at(101) }, T0 + 60n * SECOND), defaults)).toHaveLength(1);
  });
});
