// Evidence for rule tests: telemetry in, the same RollingEvidence the core uses, a snapshot at a time.
import type { MetricPoint, Span } from '../common/telemetry.ts';
import type { Evidence } from './evidence.ts';
import { RollingEvidence } from './rolling-evidence.ts';

export function evidenceOf(parts: { spans?: Span[]; metricPoints?: MetricPoint[] }, atUnixNano: bigint): Evidence {
  const rolling = new RollingEvidence();
  rolling.add({ spans: parts.spans ?? [], metricPoints: parts.metricPoints ?? [] });
  return rolling.snapshot(atUnixNano);
}

export const SECOND = 1_000_000_000n;
export const T0 = 1_700_000_000n * SECOND;
