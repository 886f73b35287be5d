// Reading a series' identifying attributes when the same thing goes by several keys: semconv's current
// names, the Collector hostmetrics receiver's older ones, @opentelemetry/host-metrics' and the Prometheus
// node_exporter labels. Rules pass every alias they accept, current name first.
import type { MetricSeries } from './evidence.ts';

/** The first string value among `keys` on the series' data-point attributes. */
export function attributeOf(series: MetricSeries, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = series.attributes[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The host a series describes: host.name on its resource, else the service it came from. */
export function hostNameOf(series: MetricSeries): string {
  const name = series.resourceAttributes['host.name'];
  return typeof name === 'string' && name !== '' ? name : series.serviceName;
}

/** Series grouped by resource (one host or one service instance each), in first-seen order. */
export function byResource(list: readonly MetricSeries[]): Map<string, MetricSeries[]> {
  const groups = new Map<string, MetricSeries[]>();
  for (const series of list) {
    const group = groups.get(series.resourceKey);
    if (group === undefined) groups.set(series.resourceKey, [series]);
    else group.push(series);
  }
  return groups;
}

/** Keys under which the attribute names of host metrics appear, current semconv name first. */
export const DEVICE_KEYS = ['system.device', 'device'] as const;
export const INTERFACE_KEYS = ['network.interface.name', 'system.device', 'device', 'interface'] as const;
export const IO_DIRECTION_KEYS = ['disk.io.direction', 'network.io.direction', 'direction'] as const;
