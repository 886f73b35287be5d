// Wire (OTLP) → domain (common/telemetry.ts): the one boundary where one becomes the other.
// Item-level problems never fail the request: the item is left out and counted, and the counts and
// reasons become the OTLP partial-success answer (see normalize-traces/-metrics/-logs for the rules).

import { ChokepointError } from '../../common/error-codes.ts';
import type { Signal, TelemetryBatch } from '../../common/telemetry.ts';
import { normalizeLogs } from './normalize-logs.ts';
import { normalizeMetrics } from './normalize-metrics.ts';
import { normalizeSpans } from './normalize-traces.ts';
import { Rejections } from './rejections.ts';
import { ResourceInterner } from './resource-interner.ts';
import type { WireExportRequest } from './wire-types.ts';

export interface NormalizeResult {
  batch: TelemetryBatch;
  /** Items left out: rejected_spans / rejected_data_points / rejected_log_records. */
  rejected: number;
  /** '' when nothing was rejected; otherwise the count and the first few reasons. */
  rejectionMessage: string;
}

const ITEM_NOUNS: Record<Signal, string> = { traces: 'spans', metrics: 'data points', logs: 'log records' };

export function normalizeRequest(signal: Signal, wire: WireExportRequest): NormalizeResult {
  if (wire.signal !== signal) {
    throw new ChokepointError('INTERNAL', `normalizeRequest: asked for ${signal} but was given a ${wire.signal} request`);
  }
  const batch: TelemetryBatch = { spans: [], metricPoints: [], logs: [] };
  const interner = new ResourceInterner();
  const rejections = new Rejections(ITEM_NOUNS[signal]);
  switch (wire.signal) {
    case 'traces':
      normalizeSpans(wire.resourceSpans, interner, rejections, batch.spans);
      break;
    case 'metrics':
      normalizeMetrics(wire.resourceMetrics, interner, rejections, batch.metricPoints);
      break;
    case 'logs':
      normalizeLogs(wire.resourceLogs, interner, rejections, batch.logs);
      break;
  }
  return { batch, rejected: rejections.count, rejectionMessage: rejections.message() };
}
