// The OpenTelemetry Collector's hostmetrics receiver still uses older attribute (and a few metric)
// names than the current system semantic conventions that Chokepoint's own host sampler emits.
// normalize rewrites them here so both land in the same shape. Only `system.*` metrics are touched,
// and an attribute already present under its new name is never overwritten (the old one then stays).

import type { AttributeValue, Attributes } from '../../common/telemetry.ts';

/** One attribute rename; `value` converts the value and returns undefined when it cannot (no rename then). */
interface Rename {
  from: string;
  to: string;
  value?: (value: AttributeValue) => AttributeValue | undefined;
}

const METRIC_NAME_ALIASES: Readonly<Record<string, string>> = {
  'system.network.dropped': 'system.network.packet.dropped',
  'system.network.packets': 'system.network.packet.count',
  'system.network.connections': 'system.network.connection.count',
};

/** "cpu3" → 3 (cpu.logical_number is an int). */
function cpuNumber(value: AttributeValue): AttributeValue | undefined {
  const match = typeof value === 'string' ? /^cpu(\d+)$/.exec(value) : null;
  return match === null ? undefined : Number(match[1]);
}

/** hostmetrics says `wait` where semconv cpu.mode says `iowait`; other states are the same word. */
function cpuMode(value: AttributeValue): AttributeValue {
  return value === 'wait' ? 'iowait' : value;
}

const CPU: readonly Rename[] = [
  { from: 'state', to: 'cpu.mode', value: cpuMode },
  { from: 'cpu', to: 'cpu.logical_number', value: cpuNumber },
];
// system.cpu.frequency carries the same `cpu` attribute (no state).
const CPU_FREQUENCY: readonly Rename[] = [{ from: 'cpu', to: 'cpu.logical_number', value: cpuNumber }];
const MEMORY: readonly Rename[] = [{ from: 'state', to: 'system.memory.state' }];
const PAGING_FAULTS: readonly Rename[] = [{ from: 'type', to: 'system.paging.fault.type' }];
const PAGING_USAGE: readonly Rename[] = [{ from: 'state', to: 'system.paging.state' }];
const PAGING_OPERATIONS: readonly Rename[] = [
  { from: 'direction', to: 'system.paging.direction' },
  { from: 'type', to: 'system.paging.fault.type' },
];
const DISK: readonly Rename[] = [
  { from: 'device', to: 'system.device' },
  { from: 'direction', to: 'disk.io.direction' },
];
const NETWORK: readonly Rename[] = [
  { from: 'device', to: 'network.interface.name' },
  { from: 'direction', to: 'network.io.direction' },
  { from: 'state', to: 'network.connection.state' },
  { from: 'protocol', to: 'network.transport' },
];
const NONE: readonly Rename[] = [];

function renamesFor(metricName: string): readonly Rename[] {
  switch (metricName) {
    case 'system.cpu.time':
    case 'system.cpu.utilization':
      return CPU;
    case 'system.cpu.frequency':
      return CPU_FREQUENCY;
    case 'system.memory.usage':
    case 'system.memory.utilization':
      return MEMORY;
    case 'system.paging.faults':
      return PAGING_FAULTS;
    case 'system.paging.usage':
    case 'system.paging.utilization':
      return PAGING_USAGE;
    case 'system.paging.operations':
      return PAGING_OPERATIONS;
  }
  if (metricName.startsWith('system.disk.')) return DISK;
  if (metricName.startsWith('system.network.')) return NETWORK;
  return NONE;
}

/** The current semconv name of a metric (unchanged for everything but the hostmetrics aliases). */
export function aliasMetricName(name: string): string {
  return Object.hasOwn(METRIC_NAME_ALIASES, name) ? METRIC_NAME_ALIASES[name] : name;
}

/**
 * Rewrites a data point's attributes in place for `metricName` (already aliased with aliasMetricName).
 * Returns the same object for convenience.
 */
export function aliasHostMetricAttributes(metricName: string, attributes: Attributes): Attributes {
  if (!metricName.startsWith('system.')) return attributes;
  for (const rename of renamesFor(metricName)) {
    if (!Object.hasOwn(attributes, rename.from) || Object.hasOwn(attributes, rename.to)) continue;
    const old = attributes[rename.from];
    const value = rename.value === undefined ? old : rename.value(old);
    if (value === undefined) continue;
    delete attributes[rename.from];
    attributes[rename.to] = value;
  }
  return attributes;
}
