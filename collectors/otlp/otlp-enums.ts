// OTLP enum names and numbers (trace/v1 Span.SpanKind and Status.StatusCode, metrics/v1
// AggregationTemporality, logs/v1 SeverityNumber). OTLP/JSON sends the numbers; the proto3 JSON
// mapping also allows the names, so the JSON decoder accepts both.

export const SPAN_KIND_NUMBERS: Readonly<Record<string, number>> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};

export const STATUS_CODE_NUMBERS: Readonly<Record<string, number>> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

export const AGGREGATION_TEMPORALITY_NUMBERS: Readonly<Record<string, number>> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};

function severityNumbers(): Record<string, number> {
  const out: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
  const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  levels.forEach((level, i) => {
    for (let step = 1; step <= 4; step++) {
      out[`SEVERITY_NUMBER_${level}${step === 1 ? '' : String(step)}`] = i * 4 + step;
    }
  });
  return out;
}

/** SEVERITY_NUMBER_UNSPECIFIED = 0, SEVERITY_NUMBER_TRACE = 1, TRACE2..TRACE4, DEBUG = 5, … FATAL4 = 24. */
export const SEVERITY_NUMBER_NUMBERS: Readonly<Record<string, number>> = severityNumbers();
