import { describe, it, expect } from 'vitest';
import type { MetricPoint } from '../../common/telemetry.ts';
import { decodeJsonRequest } from './decode-json.ts';
import { aliasHostMetricAttributes, aliasMetricName } from './host-metric-aliases.ts';
import { normalizeRequest } from './normalize.ts';

type Attrs = Record<string, string | number>;
interface Sample {
  name: string;
  attributes: Attrs;
  value: number;
}

/** An OTLP/JSON request with one cumulative sum point per sample. */
function request(samples: Sample[]): string {
  const toKv = (attrs: Attrs) =>
    Object.entries(attrs).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } }));
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: 'box' } }] },
        scopeMetrics: [
          {
            metrics: samples.map((s) => ({
              name: s.name,
              sum: {
                aggregationTemporality: 2,
                isMonotonic: true,
                dataPoints: [{ attributes: toKv(s.attributes), timeUnixNano: '100', asDouble: s.value }],
              },
            })),
          },
        ],
      },
    ],
  });
}

function normalized(samples: Sample[]): Pick<MetricPoint, 'name' | 'attributes' | 'data'>[] {
  const { batch, rejected } = normalizeRequest('metrics', decodeJsonRequest('metrics', request(samples)));
  expect(rejected).toBe(0);
  return batch.metricPoints.map(({ name, attributes, data }) => ({ name, attributes, data }));
}

// What the Collector's hostmetrics receiver sends …
const HOSTMETRICS: Sample[] = [
  { name: 'system.cpu.time', attributes: { state: 'wait', cpu: 'cpu0' }, value: 12.5 },
  { name: 'system.cpu.utilization', attributes: { state: 'user', cpu: 'cpu11' }, value: 0.4 },
  { name: 'system.memory.usage', attributes: { state: 'used' }, value: 1e9 },
  { name: 'system.paging.faults', attributes: { type: 'major' }, value: 3 },
  { name: 'system.paging.usage', attributes: { state: 'free', device: 'swap0' }, value: 4096 },
  { name: 'system.paging.operations', attributes: { direction: 'page_in', type: 'minor' }, value: 9 },
  { name: 'system.disk.io', attributes: { device: 'sda', direction: 'read' }, value: 512 },
  { name: 'system.network.packets', attributes: { device: 'eth0', direction: 'transmit' }, value: 70 },
  { name: 'system.network.dropped', attributes: { device: 'eth0', direction: 'receive' }, value: 1 },
  { name: 'system.network.connections', attributes: { protocol: 'tcp', state: 'ESTABLISHED' }, value: 5 },
];

// … and the same measurements in the current system semantic conventions (Chokepoint's host sampler).
const SEMCONV: Sample[] = [
  { name: 'system.cpu.time', attributes: { 'cpu.mode': 'iowait', 'cpu.logical_number': 0 }, value: 12.5 },
  { name: 'system.cpu.utilization', attributes: { 'cpu.mode': 'user', 'cpu.logical_number': 11 }, value: 0.4 },
  { name: 'system.memory.usage', attributes: { 'system.memory.state': 'used' }, value: 1e9 },
  { name: 'system.paging.faults', attributes: { 'system.paging.fault.type': 'major' }, value: 3 },
  { name: 'system.paging.usage', attributes: { 'system.paging.state': 'free', device: 'swap0' }, value: 4096 },
  { name: 'system.paging.operations', attributes: { 'system.paging.direction': 'page_in', 'system.paging.fault.type': 'minor' }, value: 9 },
  { name: 'system.disk.io', attributes: { 'system.device': 'sda', 'disk.io.direction': 'read' }, value: 512 },
  { name: 'system.network.packet.count', attributes: { 'network.interface.name': 'eth0', 'network.io.direction': 'transmit' }, value: 70 },
  { name: 'system.network.packet.dropped', attributes: { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' }, value: 1 },
  { name: 'system.network.connection.count', attributes: { 'network.transport': 'tcp', 'network.connection.state': 'ESTABLISHED' }, value: 5 },
];

describe('hostmetrics receiver names → current semantic conventions', () => {
  it('lands both shapes identically', () => {
    const fromCollector = normalized(HOSTMETRICS);
    expect(fromCollector).toHaveLength(HOSTMETRICS.length);
    expect(fromCollector).toEqual(normalized(SEMCONV));
  });

  it('spells out the cpu rewrite: state wait → cpu.mode iowait, cpu "cpu0" → cpu.logical_number 0', () => {
    expect(normalized([HOSTMETRICS[0]])[0].attributes).toEqual({ 'cpu.mode': 'iowait', 'cpu.logical_number': 0 });
  });

  it('never overwrites an attribute already present under the new name', () => {
    const attrs = aliasHostMetricAttributes('system.disk.io', { device: 'sda', 'system.device': 'nvme0n1' });
    expect(attrs).toEqual({ device: 'sda', 'system.device': 'nvme0n1' });
  });

  it('leaves a cpu value it cannot read, and non-system metrics, alone', () => {
    expect(aliasHostMetricAttributes('system.cpu.time', { cpu: 'total', state: 'idle' })).toEqual({ cpu: 'total', 'cpu.mode': 'idle' });
    expect(aliasHostMetricAttributes('process.cpu.time', { state: 'user' })).toEqual({ state: 'user' });
    expect(aliasHostMetricAttributes('http.server.request.duration', { direction: 'in' })).toEqual({ direction: 'in' });
  });

  it('renames only the three network metrics and nothing outside system.*', () => {
    expect(aliasMetricName('system.network.packets')).toBe('system.network.packet.count');
    expect(aliasMetricName('system.network.io')).toBe('system.network.io');
    expect(aliasMetricName('constructor')).toBe('constructor');
    expect(normalized([{ name: 'app.network.packets', attributes: { device: 'eth0' }, value: 1 }])).toEqual([
      { name: 'app.network.packets', attributes: { device: 'eth0' }, data: { type: 'sum', value: 1, temporality: 'cumulative', monotonic: true } },
    ]);
  });
});
