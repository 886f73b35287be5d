// Network interfaces per host: bytes, packets, errors and drops per second by direction, from semconv
// system.network.* (Chokepoint's sampler; the Collector's older system.network.packets/dropped; host-metrics,
// which names the interface system.device) or Prometheus node_network_*; link speed only from
// node_network_speed_bytes (semconv has none; veth and most virtual links report a fictitious speed anyway).
//
// Loopback is left out on purpose: lo has no link to saturate — its throughput is bounded by the endpoints'
// CPU, so a flat top there is the application's ceiling (a pool, a CPU, a lock), which other rules name.
// Every fault recorded in the lab (pool exhaustion, hot shard, stampede) drives lo to a flat plateau with
// rising latency; counting lo would blame the network for all of them. A bandwidth-limited link shows up on
// the interface that carries it (a veth into a network namespace, an ifb used for ingress shaping, eth0).
import type { Evidence, MetricSeries } from './evidence.ts';
import { attributeOf, byResource, hostNameOf, INTERFACE_KEYS, IO_DIRECTION_KEYS } from './series-attributes.ts';
import { rates, sumByTime, type TimedValue } from './series-math.ts';

export const BYTES_NAMES = ['system.network.io', 'node_network_receive_bytes_total', 'node_network_transmit_bytes_total'];
export const PACKETS_NAMES = ['system.network.packet.count', 'system.network.packets', 'node_network_receive_packets_total', 'node_network_transmit_packets_total'];
export const ERRORS_NAMES = ['system.network.errors', 'node_network_receive_errs_total', 'node_network_transmit_errs_total'];
export const DROPPED_NAMES = ['system.network.packet.dropped', 'system.network.dropped', 'node_network_receive_drop_total', 'node_network_transmit_drop_total'];
export const SPEED_NAMES = ['node_network_speed_bytes'];
export const HOST_NETWORK_NAMES = [...BYTES_NAMES, ...PACKETS_NAMES, ...ERRORS_NAMES, ...DROPPED_NAMES, ...SPEED_NAMES];

const LOOPBACK = /^lo\d*$/;

export type Direction = 'receive' | 'transmit';

export interface InterfaceFlow {
  interfaceName: string;
  direction: Direction;
  bytesPerSecond: TimedValue[];
  packetsPerSecond: TimedValue[];
  errorsPerSecond: TimedValue[];
  droppedPerSecond: TimedValue[];
  /** Link speed in bytes per second, when the source reports one. */
  speedBytesPerSecond: number | null;
}

export interface HostNetwork {
  resourceKey: string;
  hostName: string;
  flows: InterfaceFlow[];
}

function directionOf(series: MetricSeries): Direction | undefined {
  if (series.name.includes('receive')) return 'receive';
  if (series.name.includes('transmit')) return 'transmit';
  const value = attributeOf(series, IO_DIRECTION_KEYS);
  return value === 'receive' || value === 'transmit' ? value : undefined;
}

/** Per host, one flow per (interface, direction) that reports bytes; loopback excluded (see above). */
export function hostNetworks(evidence: Evidence): HostNetwork[] {
  const out: HostNetwork[] = [];
  for (const [resourceKey, group] of byResource(evidence.series(HOST_NETWORK_NAMES))) {
    const flows = new Map<string, InterfaceFlow>();
    const speeds = new Map<string, number>();
    for (const series of group) {
      const name = attributeOf(series, INTERFACE_KEYS);
      if (name === undefined || LOOPBACK.test(name)) continue;
      if (SPEED_NAMES.includes(series.name)) {
        const last = series.points[series.points.length - 1].value;
        if (last > 0) speeds.set(name, last);
        continue;
      }
      const direction = directionOf(series);
      if (direction === undefined) continue;
      const key = `${name}\u0000${direction}`;
      let flow = flows.get(key);
      if (flow === undefined) {
        flow = { interfaceName: name, direction, bytesPerSecond: [], packetsPerSecond: [], errorsPerSecond: [], droppedPerSecond: [], speedBytesPerSecond: null };
        flows.set(key, flow);
      }
      const perSecond = rates(series);
      if (BYTES_NAMES.includes(series.name)) flow.bytesPerSecond = sumByTime([flow.bytesPerSecond, perSecond]);
      else if (PACKETS_NAMES.includes(series.name)) flow.packetsPerSecond = sumByTime([flow.packetsPerSecond, perSecond]);
      else if (ERRORS_NAMES.includes(series.name)) flow.errorsPerSecond = sumByTime([flow.errorsPerSecond, perSecond]);
      else if (DROPPED_NAMES.includes(series.name)) flow.droppedPerSecond = sumByTime([flow.droppedPerSecond, perSecond]);
    }
    const list = [...flows.values()].filter((f) => f.bytesPerSecond.length > 0 || f.packetsPerSecond.length > 0);
    for (const flow of list) flow.speedBytesPerSecond = speeds.get(flow.interfaceName) ?? null;
    if (list.length > 0) out.push({ resourceKey, hostName: hostNameOf(group[0]), flows: list });
  }
  return out;
}

/** a ÷ b at the times both have, where b is at least `minB`. */
export function ratioWhere(a: readonly TimedValue[], b: readonly TimedValue[], minB: number): TimedValue[] {
  const bAt = new Map(b.map((p) => [p.timeUnixNano, p.value]));
  return a.flatMap((p) => {
    const denominator = bAt.get(p.timeUnixNano);
    return denominator !== undefined && denominator >= minB ? [{ timeUnixNano: p.timeUnixNano, value: p.value / denominator }] : [];
  });
}
