import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../common/api-contract.ts';
import { testFinding } from '../findings/test-finding.ts';
import { findingsAtPlayhead, incidentKey, loadingProgress } from './incident-findings.ts';
import { formatOffset, millisToNanos, nanosToMillisOrNull } from './incident-time.ts';

const finding = testFinding({
  id: 'f',
  detectedAtUnixNano: '1795416450000000000',
  onsetUnixNano: '1795416447412000000',
  endUnixNano: '1795416488280000000',
});

describe('findingsAtPlayhead', () => {
  it('hides findings the replay had not raised yet', () => {
    expect(findingsAtPlayhead([finding], 1_795_416_449_999)).toEqual([]);
    expect(findingsAtPlayhead([finding], 1_795_416_450_000)).toHaveLength(1);
    expect(findingsAtPlayhead([testFinding({ detectedAtUnixNano: undefined })], 1_795_416_450_000)).toEqual([]);
  });

  it('marks a finding resolved once the playhead is past its end', () => {
    expect(findingsAtPlayhead([finding], 1_795_416_460_000)[0]?.active).toBe(true);
    expect(findingsAtPlayhead([finding], 1_795_416_492_000)[0]?.active).toBe(true);
    const resolved = findingsAtPlayhead([finding], 1_795_416_494_000)[0];
    expect(resolved?.active).toBe(false);
    expect(resolved?.lastSeenUnixNano).toBe(finding.endUnixNano);
  });
});

describe('incident times', () => {
  it('converts between milliseconds and nanosecond strings', () => {
    expect(millisToNanos(1_795_416_450_000)).toBe('1795416450000000000');
    expect(millisToNanos(1_795_416_450_000.25)).toBe('1795416450000250000');
    expect(nanosToMillisOrNull('1795416450000250000')).toBe(1_795_416_450_000.25);
    expect(nanosToMillisOrNull(null)).toBeNull();
    expect(nanosToMillisOrNull('x')).toBeNull();
  });

  it('formats offsets from the start', () => {
    expect(formatOffset(0)).toBe('+0:00');
    expect(formatOffset(65_400)).toBe('+1:05');
    expect(formatOffset(3_723_000)).toBe('+1:02:03');
    expect(formatOffset(-5)).toBe('+0:00');
  });
});

describe('loadingProgress and incidentKey', () => {
  const state: IncidentState = {
    file: 'pool-exhaustion.chokepoint',
    demo: true,
    status: 'loading',
    title: 'pool',
    notes: '',
    services: [],
    fromUnixNano: '1000000000',
    toUnixNano: '3000000000',
    loadedUntilUnixNano: '1500000000',
    counts: { spans: 1, metricPoints: 2, logs: 0 },
    problems: 0,
    message: '',
    findings: [],
    overrides: {},
  };

  it('is the loaded share of the range when the range is known', () => {
    expect(loadingProgress(state)).toEqual({ fraction: 0.25, loadedUntilMs: 1500 });
    expect(loadingProgress({ ...state, fromUnixNano: null })).toEqual({ fraction: null, loadedUntilMs: 1500 });
    expect(loadingProgress({ ...state, loadedUntilUnixNano: null }).fraction).toBeNull();
    expect(loadingProgress({ ...state, loadedUntilUnixNano: '9000000000' }).fraction).toBe(1);
  });

  it('tells incidents apart', () => {
    expect(incidentKey(state)).not.toBe(incidentKey({ ...state, toUnixNano: '4000000000' }));
    expect(incidentKey(state)).toBe(incidentKey({ ...state, status: 'ready' }));
  });
});
