// Builds MetricPoints that share one resource, scope, timestamp and start time, so the
// conversion code reads as a list of metric names and values.

import type { Attributes, InstrumentationScope, MetricPoint, Resource } from '../../common/telemetry.ts';

export interface PointContext {
  resource: Resource;
  scope: InstrumentationScope;
  timeUnixNano: bigint;
  /** Start of the cumulative counters (boot time, or the sampler's start). */
  startTimeUnixNano: bigint;
}

export interface MetricSpec {
  name: string;
  unit: string;
  description: string;
}

export interface PointFactory {
  /** Monotonic cumulative sum (an OTel Counter). */
  counter(spec: MetricSpec, value: number, attributes?: Attributes): MetricPoint;
  /** Non-monotonic cumulative sum (an OTel UpDownCounter). */
  upDownCounter(spec: MetricSpec, value: number, attributes?: Attributes): MetricPoint;
  gauge(spec: MetricSpec, value: number, attributes?: Attributes): MetricPoint;
}

export function createPointFactory(ctx: PointContext): PointFactory {
  const point = (spec: MetricSpec, attributes: Attributes, startTimeUnixNano: bigint, data: MetricPoint['data']): MetricPoint => ({
    resource: ctx.resource,
    scope: ctx.scope,
    name: spec.name,
    description: spec.description,
    unit: spec.unit,
    attributes,
    startTimeUnixNano,
    timeUnixNano: ctx.timeUnixNano,
    flags: 0,
    exemplars: [],
    data,
  });
  return {
    counter: (spec, value, attributes = {}) =>
      point(spec, attributes, ctx.startTimeUnixNano, { type: 'sum', value, temporality: 'cumulative', monotonic: true }),
    upDownCounter: (spec, value, attributes = {}) =>
      point(spec, attributes, ctx.startTimeUnixNano, { type: 'sum', value, temporality: 'cumulative', monotonic: false }),
    gauge: (spec, value, attributes = {}) => point(spec, attributes, 0n, { type: 'gauge', value }),
  };
}
