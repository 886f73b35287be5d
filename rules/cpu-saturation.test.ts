import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource } from '../fixtures/domain-builders.ts';
import { cpuSaturation } from './cpu-saturation.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const host = buildResource('chokepoint-host', { 'host.name': 'web-1' });
const defaults = thresholdValues(cpuSaturation);

/** One utilization sample per second for `seconds`, with the busy share given per second. */
function utilization(seconds: number, busyAt: (second: number) => number, iowaitAt: (second: number) => number = () => 0): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let s = 0; s < seconds; s += 1) {
    const busy = busyAt(s);
    const iowait = iowaitAt(s);
    const time = T0 + BigInt(s) * SECOND;
    const share = (mode: string, value: number) => buildMetricPoint({ type: 'gauge', value }, { resource: host, name: 'system.cpu.utilization', attributes: { 'cpu.mode': mode }, timeUnixNano: time });
    points.push(share('user', busy * 0.8), share('system', busy * 0.2), share('iowait', iowait), share('idle', 1 - busy - iowait));
  }
  return points;
}

/** Seconds-of-CPU counters per mode, as the Collector's hostmetrics receiver sends them (2 CPUs). */
function cpuTime(seconds: number, busy: number): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let s = 0; s <= seconds; s += 1) {
    for (const cpu of ['cpu0', 'cpu1']) {
      for (const [state, share] of [['user', busy], ['idle', 1 - busy]] as const) {
        points.push(buildMetricPoint({ type: 'sum', value: s * share, temporality: 'cumulative', monotonic: true }, { resource: host, name: 'system.cpu.time', unit: 's', attributes: { cpu, state }, timeUnixNano: T0 + BigInt(s) * SECOND }));
      }
    }
  }
  return points;
}

describe('cpu-saturation', () => {
  it('fires when the CPU stays busy above the line for the sustain time, with onset and numbers', () => {
    const evidence = evidenceOf({ metricPoints: utilization(90, (s) => (s < 30 ? 0.3 : 0.97)) }, T0 + 90n * SECOND);
    const [finding] = cpuSaturation.evaluate(evidence, defaults);
    expect(finding).toMatchObject({ severity: 'critical', resource: 'web-1', onsetUnixNano: T0 + 30n * SECOND });
    expect(finding.evidence.numbers['cpu.busy.mean']).toBeCloseTo(0.97, 5);
    expect(finding.summary).toContain('97%');
  });

  it('reads the Collector’s older system.cpu.time counters too', () => {
    const [finding] = cpuSaturation.evaluate(evidenceOf({ metricPoints: cpuTime(60, 0.9) }, T0 + 60n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding.evidence.numbers['cpu.busy.mean']).toBeCloseTo(0.9, 5);
  });

  it('averages per-CPU shares as @opentelemetry/host-metrics reports them (system.cpu.logical_number)', () => {
    const points: MetricPoint[] = [];
    for (let s = 0; s < 60; s += 1) {
      for (const cpu of [0, 1]) {
        const busy = cpu === 0 ? 0.9 : 0.3; // one hot core, one calm: the host is 60% busy
        for (const [state, value] of [['user', busy], ['idle', 1 - busy]] as const) {
          points.push(buildMetricPoint({ type: 'gauge', value }, { resource: host, name: 'system.cpu.utilization', attributes: { 'system.cpu.state': state, 'system.cpu.logical_number': cpu }, timeUnixNano: T0 + BigInt(s) * SECOND }));
        }
      }
    }
    expect(cpuSaturation.evaluate(evidenceOf({ metricPoints: points }, T0 + 60n * SECOND), defaults)).toEqual([]);
    const hot = points.map((p) => ({ ...p, data: { type: 'gauge' as const, value: p.attributes['system.cpu.state'] === 'user' ? 0.95 : 0.05 } }));
    const [finding] = cpuSaturation.evaluate(evidenceOf({ metricPoints: hot }, T0 + 60n * SECOND), defaults);
    expect(finding.evidence.numbers['cpu.busy.mean']).toBeCloseTo(0.95, 5);
  });

  it('stays quiet on a busy but not saturated host, and on a disk-bound host whose CPUs wait on I/O', () => {
    expect(cpuSaturation.evaluate(evidenceOf({ metricPoints: utilization(120, () => 0.7) }, T0 + 120n * SECOND), defaults)).toEqual([]);
    const diskBound = utilization(120, () => 0.1, () => 0.88);
    expect(cpuSaturation.evaluate(evidenceOf({ metricPoints: diskBound }, T0 + 120n * SECOND), defaults)).toEqual([]);
  });

  it('needs the whole sustain time: a burst one second shorter does not fire', () => {
    const burst = (length: number) => utilization(60, (s) => (s >= 10 && s < 10 + length ? 0.99 : 0.2));
    // Points at seconds 10..10+length-1 span length-1 seconds.
    expect(cpuSaturation.evaluate(evidenceOf({ metricPoints: burst(defaults.sustainSeconds) }, T0 + 60n * SECOND), defaults)).toEqual([]);
    expect(cpuSaturation.evaluate(evidenceOf({ metricPoints: burst(defaults.sustainSeconds + 1) }, T0 + 60n * SECOND), defaults)).toHaveLength(1);
  });
});
