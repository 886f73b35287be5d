// A long synthetic incident for the replay and analyze benchmarks: an hour of a typical service (5-span
// traces at a steady rate) plus host metrics every second, with a CPU-saturation episode in the middle so
// the rules have something to find. Written as a gzip'd incident file.
import type { MetricPoint, Span } from '../common/telemetry.ts';
import { IncidentFileWriter } from '../collectors/files/index.ts';
import { buildMetricPoint, buildResource, buildTypicalTrace, seededRandom } from '../fixtures/domain-builders.ts';

const SECOND = 1_000_000_000n;
const host = buildResource('chokepoint-host', { 'host.name': 'bench-host' });

function hostSecond(time: bigint, busy: number): MetricPoint[] {
  const gauge = (name: string, value: number, attributes: Record<string, string>, unit = '1') =>
    buildMetricPoint({ type: 'gauge', value }, { resource: host, name, unit, attributes, timeUnixNano: time });
  const counter = (name: string, value: number, attributes: Record<string, string>, unit: string) =>
    buildMetricPoint({ type: 'sum', value, temporality: 'cumulative', monotonic: true }, { resource: host, name, unit, attributes, timeUnixNano: time, startTimeUnixNano: 1n });
  const seconds = Number(time / SECOND);
  return [
    gauge('system.cpu.utilization', busy * 0.8, { 'cpu.mode': 'user' }),
    gauge('system.cpu.utilization', busy * 0.2, { 'cpu.mode': 'system' }),
    gauge('system.cpu.utilization', 0.01, { 'cpu.mode': 'iowait' }),
    gauge('system.cpu.utilization', 1 - busy - 0.01, { 'cpu.mode': 'idle' }),
    gauge('system.memory.utilization', 0.42, { 'system.memory.state': 'used' }),
    counter('system.disk.io_time', seconds * 0.05, { 'system.device': 'vda' }, 's'),
    counter('system.disk.operations', seconds * 40, { 'system.device': 'vda', 'disk.io.direction': 'write' }, '{operation}'),
    counter('system.network.io', seconds * 2e6, { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' }, 'By'),
    counter('system.network.io', seconds * 1e6, { 'network.interface.name': 'eth0', 'network.io.direction': 'transmit' }, 'By'),
  ];
}

export interface SyntheticIncidentOptions {
  file: string;
  seconds: number;
  tracesPerSecond: number;
  startUnixNano?: bigint;
}

/** Writes the incident; returns how many spans and metric points it holds. */
export async function writeSyntheticIncident(options: SyntheticIncidentOptions): Promise<{ spans: number; metricPoints: number }> {
  const start = options.startUnixNano ?? 1_700_000_000n * SECOND;
  const writer = new IncidentFileWriter(options.file);
  const random = seededRandom(7);
  let spans = 0;
  let metricPoints = 0;
  let traceNumber = 0;
  const hotFrom = Math.floor(options.seconds * 0.5);
  const hotTo = hotFrom + Math.min(300, Math.floor(options.seconds * 0.1));
  for (let s = 0; s < options.seconds; s += 10) {
    const batchSpans: Span[] = [];
    const batchPoints: MetricPoint[] = [];
    for (let second = s; second < Math.min(options.seconds, s + 10); second += 1) {
      const base = start + BigInt(second) * SECOND;
      batchPoints.push(...hostSecond(base, second >= hotFrom && second < hotTo ? 0.97 : 0.35));
      for (let i = 0; i < options.tracesPerSecond; i += 1) {
        const trace = buildTypicalTrace(traceNumber, random);
        traceNumber += 1;
        const shift = base + (BigInt(i) * SECOND) / BigInt(options.tracesPerSecond) - trace[0].startTimeUnixNano;
        for (const span of trace) {
          batchSpans.push({
            ...span,
            startTimeUnixNano: span.startTimeUnixNano + shift,
            endTimeUnixNano: span.endTimeUnixNano + shift,
            events: span.events.map((e) => ({ ...e, timeUnixNano: e.timeUnixNano + shift })),
          });
        }
      }
    }
    await writer.write({ spans: batchSpans, metricPoints: batchPoints, logs: [] });
    spans += batchSpans.length;
    metricPoints += batchPoints.length;
  }
  await writer.close({ title: `Synthetic ${options.seconds} s incident`, notes: 'bench', host: null, chokepointVersion: 'bench' });
  return { spans, metricPoints };
}
