import { describe, expect, it } from 'vitest';
import type { Attributes, MetricPoint, Span } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource, buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { diskIoSaturation } from './disk-io-saturation.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const host = buildResource('chokepoint-host', { 'host.name': 'db-1' });
const shop = buildResource('shop');
const defaults = thresholdValues(diskIoSaturation);
const MS = 1_000_000n;

/** A cumulative counter sampled every second, growing by perSecond(s) each second. */
function counter(name: string, attributes: Attributes, seconds: number, perSecond: (s: number) => number): MetricPoint[] {
  let total = 1000;
  return Array.from({ length: seconds }, (_, s) => {
    total += s === 0 ? 0 : perSecond(s);
    return buildMetricPoint({ type: 'sum', value: total, temporality: 'cumulative', monotonic: true }, { resource: host, name, unit: 's', attributes, timeUnixNano: T0 + BigInt(s) * SECOND });
  });
}

interface DiskLoad {
  busy: number;
  writesPerSecond: number;
  msPerOp: number;
}

/** io_time, operations and operation_time of one device, per second. */
function disk(device: string, seconds: number, at: (s: number) => DiskLoad): MetricPoint[] {
  const dev = { 'system.device': device };
  return [
    ...counter('system.disk.io_time', dev, seconds, (s) => at(s).busy),
    ...counter('system.disk.operations', { ...dev, 'disk.io.direction': 'write' }, seconds, (s) => at(s).writesPerSecond),
    ...counter('system.disk.operations', { ...dev, 'disk.io.direction': 'read' }, seconds, () => 0),
    ...counter('system.disk.operation_time', { ...dev, 'disk.io.direction': 'write' }, seconds, (s) => (at(s).writesPerSecond * at(s).msPerOp) / 1000),
    ...counter('system.disk.operation_time', { ...dev, 'disk.io.direction': 'read' }, seconds, () => 0),
  ];
}

/** Aggregate CPU utilization by mode, once per second. */
function cpu(seconds: number, iowaitAt: (s: number) => number): MetricPoint[] {
  return Array.from({ length: seconds }, (_, s) => {
    const iowait = iowaitAt(s);
    const share = (mode: string, value: number) => buildMetricPoint({ type: 'gauge', value }, { resource: host, name: 'system.cpu.utilization', attributes: { 'cpu.mode': mode }, timeUnixNano: T0 + BigInt(s) * SECOND });
    return [share('user', 0.1), share('iowait', iowait), share('idle', 0.9 - iowait)];
  }).flat();
}

/** Spans named `name` of the shop, one per second, lasting durationAt(s) ms. */
function spans(name: string, kind: Span['kind'], seconds: number, durationAt: (s: number) => number, firstId = 0): Span[] {
  return Array.from({ length: seconds }, (_, s) => {
    const start = T0 + BigInt(s) * SECOND;
    return buildSpan({ resource: shop, name, kind, traceId: traceIdFor(firstId + s), spanId: spanIdFor(firstId + s), startTimeUnixNano: start, endTimeUnixNano: start + BigInt(Math.round(durationAt(s))) * MS });
  });
}

const idle: DiskLoad = { busy: 0.05, writesPerSecond: 20, msPerOp: 1 };
const fsyncStorm: DiskLoad = { busy: 0.96, writesPerSecond: 400, msPerOp: 2.5 };

describe('disk-io-saturation', () => {
  it('fires when a disk is busy and the CPUs wait on it, citing the slowest fsync spans', () => {
    const metricPoints = [...disk('vda', 80, (s) => (s < 30 ? idle : fsyncStorm)), ...cpu(80, (s) => (s < 30 ? 0 : 0.3))];
    const evidenceSpans = [...spans('POST /audit', 'server', 80, (s) => (s < 30 ? 4 : 60)), ...spans('fs fsync', 'internal', 80, (s) => (s < 30 ? 1 : s === 70 ? 95 : 40), 1000)];
    const [finding] = diskIoSaturation.evaluate(evidenceOf({ metricPoints, spans: evidenceSpans }, T0 + 80n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', resource: 'db-1', onsetUnixNano: T0 + 30n * SECOND, title: 'Disk vda on db-1 is saturated' });
    expect(finding.evidence.numbers['disk.busy.mean']).toBeCloseTo(0.96, 5);
    expect(finding.evidence.numbers['disk.latency_ms.mean']).toBeCloseTo(2.5, 5);
    expect(finding.evidence.numbers['disk.write_share']).toBeCloseTo(1, 5);
    expect(finding.summary).toContain('busy 96% of the time, 2.5 ms per operation at 400 ops/s, CPUs waiting on I/O 30% of the time');
    expect(finding.evidence.spans[0].spanId).toBe(spanIdFor(1070));
    expect(finding.evidence.comparison?.[0]).toMatchObject({ before: 4, after: 60 });
  });

  it('is critical when the CPUs wait on I/O more than 40% of the time as well', () => {
    const metricPoints = [...disk('vda', 80, (s) => (s < 30 ? idle : fsyncStorm)), ...cpu(80, (s) => (s < 30 ? 0 : 0.45))];
    expect(diskIoSaturation.evaluate(evidenceOf({ metricPoints }, T0 + 80n * SECOND), defaults)[0].severity).toBe('critical');
  });

  it('ignores loop devices and partitions of a listed disk, and keeps a busy disk without waiting at info', () => {
    const snapLoop = disk('loop0', 80, () => ({ busy: 1, writesPerSecond: 5, msPerOp: 300 }));
    const partition = disk('vda1', 80, () => ({ busy: 0.99, writesPerSecond: 5, msPerOp: 300 }));
    const quietDisk = disk('vda', 80, () => idle);
    expect(diskIoSaturation.evaluate(evidenceOf({ metricPoints: [...snapLoop, ...partition, ...quietDisk, ...cpu(80, () => 0.01)] }, T0 + 80n * SECOND), defaults)).toEqual([]);
    // An NVMe disk serving many requests at once reads "busy" with operations still fast and nobody waiting.
    const parallel = disk('nvme0n1', 80, () => ({ busy: 0.95, writesPerSecond: 3000, msPerOp: 0.3 }));
    const findings = diskIoSaturation.evaluate(evidenceOf({ metricPoints: [...parallel, ...cpu(80, () => 0.01)] }, T0 + 80n * SECOND), defaults);
    expect(findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('flags slow operations at 101 ms but not at 99 ms', () => {
    const at = (msPerOp: number) => [...disk('sdb', 60, () => ({ busy: 0.5, writesPerSecond: 5, msPerOp })), ...cpu(60, () => 0.02)];
    expect(diskIoSaturation.evaluate(evidenceOf({ metricPoints: at(99) }, T0 + 60n * SECOND), defaults)).toEqual([]);
    const [finding] = diskIoSaturation.evaluate(evidenceOf({ metricPoints: at(101) }, T0 + 60n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding.summary).toContain('101.0 ms per operation at 5 ops/s');
  });

  it('falls back to slow fsync spans when no disk metrics are reported, with low confidence', () => {
    const [finding] = diskIoSaturation.evaluate(evidenceOf({ spans: spans('fs fsync', 'internal', 30, (s) => 120 + s) }, T0 + 30n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', service: 'shop' });
    expect(finding.confidence).toBeLessThan(0.5);
    expect(finding.evidence.spans[0].spanId).toBe(spanIdFor(29));
  });
});
