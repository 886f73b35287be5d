// Small-integer codes for enumerated domain values, as stored in the database (OTLP numbering where one exists).
import type { AggregationTemporality, MetricType, SpanKind, SpanStatusCode } from '../common/telemetry.ts';

/** Index = stored code. */
export const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
export const STATUS_CODES: readonly SpanStatusCode[] = ['unset', 'ok', 'error'];
export const METRIC_TYPES: readonly MetricType[] = ['gauge', 'sum', 'histogram', 'exponential_histogram', 'summary'];
export const TEMPORALITIES: readonly AggregationTemporality[] = ['unspecified', 'delta', 'cumulative'];

export const STATUS_ERROR = STATUS_CODES.indexOf('error');

/** Stored code of `value` in `codes`; throws for a value outside the domain type. */
export function codeOf<T extends string>(codes: readonly T[], value: T): number {
  const code = codes.indexOf(value);
  if (code === -1) throw new Error(`unknown value ${value}`);
  return code;
}

/** The domain value for a stored code (unknown codes read as the first entry). */
export function valueOf<T extends string>(codes: readonly T[], code: number | bigint | null): T {
  return codes[Number(code ?? 0)] ?? codes[0];
}
