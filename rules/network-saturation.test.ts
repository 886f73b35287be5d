import { describe, expect, it } from 'vitest';
import type { Attributes, MetricPoint, Span } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource, buildSpan, seededRandom, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { networkSaturation } from './network-saturation.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const host = buildResource('chokepoint-host', { 'host.name': 'edge-1' });
const shop = buildResource('shop');
const defaults = thresholdValues(networkSaturation);
const MS = 1_000_000n;

/** A cumulative counter sampled every second, growing by perSecond(s) each second. */
function counter(name: string, attributes: Attributes, seconds: number, perSecond: (s: number) => number): MetricPoint[] {
  let total = 5e9;
  return Array.from({ length: seconds }, (_, s) => {
    total += s === 0 ? 0 : perSecond(s);
    return buildMetricPoint({ type: 'sum', value: total, temporality: 'cumulative', monotonic: true }, { resource: host, name, unit: 'By', attributes, timeUnixNano: T0 + BigInt(s) * SECOND });
  });
}

/** Bytes sent on an interface, with ±jitter (a share) of deterministic noise. */
function transmit(iface: string, seconds: number, bytesAt: (s: number) => number, jitter: number, seed = 7): MetricPoint[] {
  const random = seededRandom(seed);
  return counter('system.network.io', { 'network.interface.name': iface, 'network.io.direction': 'transmit' }, seconds, (s) => bytesAt(s) * (1 + (random() * 2 - 1) * jitter));
}

function cpu(seconds: number, busy: number): MetricPoint[] {
  return Array.from({ length: seconds }, (_, s) => {
    const share = (mode: string, value: number) => buildMetricPoint({ type: 'gauge', value }, { resource: host, name: 'system.cpu.utilization', attributes: { 'cpu.mode': mode }, timeUnixNano: T0 + BigInt(s) * SECOND });
    return [share('user', busy), share('idle', 1 - busy)];
  }).flat();
}

/** One server span of the shop per second, lasting durationAt(s) ms, with an optional response size. */
function requests(seconds: number, durationAt: (s: number) => number, bytesAt?: (s: number) => number): Span[] {
  return Array.from({ length: seconds }, (_, s) => {
    const start = T0 + BigInt(s) * SECOND;
    const attributes: Attributes = bytesAt === undefined ? {} : { 'http.response.body.size': bytesAt(s) };
    return buildSpan({ resource: shop, traceId: traceIdFor(s), spanId: spanIdFor(s), name: 'GET /export', startTimeUnixNano: start, endTimeUnixNano: start + BigInt(Math.round(durationAt(s))) * MS, attributes });
  });
}

const TEN_MBIT = 1_250_000;
const shaped = (s: number) => (s < 30 ? 200_000 : TEN_MBIT);
const slowerAfter30 = (s: number) => (s < 30 ? 20 : 400);

describe('network-saturation', () => {
  it('finds a shaped link: traffic rises to a flat ceiling while latency climbs and the CPU idles', () => {
    const metricPoints = [...transmit('veth-shop', 90, shaped, 0.01), ...cpu(90, 0.2)];
    const [finding] = networkSaturation.evaluate(evidenceOf({ metricPoints, spans: requests(90, slowerAfter30) }, T0 + 90n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', resource: 'edge-1', title: 'Network veth-shop on edge-1 at its limit' });
    expect(Number(finding.onsetUnixNano - T0) / 1e9).toBeGreaterThanOrEqual(30);
    expect(Number(finding.onsetUnixNano - T0) / 1e9).toBeLessThanOrEqual(31);
    expect(finding.summary).toContain('rose from 1.6 Mbit/s to 10.0 Mbit/s');
    expect(finding.evidence.comparison?.[0]).toMatchObject({ before: 20, after: 400 });
  });

  it('is critical when span duration grows with payload size on top of the ceiling', () => {
    const metricPoints = [...transmit('veth-shop', 90, shaped, 0.01), ...cpu(90, 0.2)];
    const sizes = (s: number) => 100_000 + (s % 10) * 100_000;
    const spans = requests(90, (s) => (s < 30 ? 20 : 50 + sizes(s) / 2500), sizes);
    const [finding] = networkSaturation.evaluate(evidenceOf({ metricPoints, spans }, T0 + 90n * SECOND), defaults);
    expect(finding.severity).toBe('critical');
    expect(finding.evidence.numbers['payload.size_duration_r']).toBeGreaterThan(0.9);
    // The largest payload that took over 100 ms comes first.
    expect(finding.evidence.spans[0].name).toBe('GET /export');
    expect(finding.summary).toContain('largest 1.0 MB');
  });

  it('reads a known link speed (node_exporter names) and flags 80% of it', () => {
    const device = { device: 'eth0' };
    const speed = buildMetricPoint({ type: 'gauge', value: 125_000_000 }, { resource: host, name: 'node_network_speed_bytes', attributes: device, timeUnixNano: T0 });
    const bytes = counter('node_network_transmit_bytes_total', device, 60, (s) => (s < 20 ? 20e6 : 110e6));
    const [finding] = networkSaturation.evaluate(evidenceOf({ metricPoints: [speed, ...bytes] }, T0 + 60n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', onsetUnixNano: T0 + 20n * SECOND });
    expect(finding.evidence.numbers['link.utilization.mean']).toBeCloseTo(0.88, 5);
    expect(finding.summary).toContain('eth0 (transmit) ran at 88% of its 1000.0 Mbit/s link');
  });

  it('flags receive errors at 1.1% of packets but not at 0.9%', () => {
    const at = (ratio: number) => [
      ...counter('system.network.packet.count', { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' }, 60, () => 1000),
      ...counter('system.network.errors', { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' }, 60, () => 1000 * ratio),
      ...counter('system.network.io', { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' }, 60, () => 1e6),
    ];
    expect(networkSaturation.evaluate(evidenceOf({ metricPoints: at(0.009) }, T0 + 60n * SECOND), defaults)).toEqual([]);
    const [finding] = networkSaturation.evaluate(evidenceOf({ metricPoints: at(0.011) }, T0 + 60n * SECOND), defaults);
    expect(finding.severity).toBe('warning');
    expect(finding.summary).toContain('1.1% of packets on eth0 (receive) had errors');
  });

  it('does not blame the network for an application limit: loopback, a jittery plateau, or a busy CPU', () => {
    const spans = requests(90, slowerAfter30);
    // The lab's pool-exhaustion recording: lo traffic rose 3x to a plateau (±5%) while latency climbed.
    const loopback = [...transmit('lo', 90, shaped, 0.05), ...cpu(90, 0.2)];
    expect(networkSaturation.evaluate(evidenceOf({ metricPoints: loopback, spans }, T0 + 90n * SECOND), defaults)).toEqual([]);
    const appLimited = [...transmit('eth0', 90, shaped, 0.08), ...cpu(90, 0.2)];
    expect(networkSaturation.evaluate(evidenceOf({ metricPoints: appLimited, spans }, T0 + 90n * SECOND), defaults).map((f) => f.severity)).toEqual(['info']);
    const cpuBound = [...transmit('eth0', 90, shaped, 0.01), ...cpu(90, 0.95)];
    const [finding] = networkSaturation.evaluate(evidenceOf({ metricPoints: cpuBound, spans }, T0 + 90n * SECOND), defaults);
    expect(finding.severity).toBe('info');
    expect(finding.summary).toContain('the CPU was 95% busy');
  });

  it('reports large payloads alone as info (Sentry: over 300 KB and 100 ms)', () => {
    const spans = requests(20, (s) => (s === 5 ? 99 : 150), (s) => (s === 7 ? 299_000 : 2_000_000));
    const [finding] = networkSaturation.evaluate(evidenceOf({ spans }, T0 + 20n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'info', service: 'shop', title: 'Large HTTP payloads in shop' });
    expect(finding.evidence.numbers['payload.large_spans']).toBe(18);
  });
});
