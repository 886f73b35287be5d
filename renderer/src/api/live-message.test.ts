import { describe, expect, it } from 'vitest';
import { parseLiveMessage } from './live-message.ts';

const counts = { spans: 10, metricPoints: 20, logs: 0 };
const rates = { spans: 1.5, metricPoints: 4, logs: 0 };
const finding = {
  id: 'cpu-saturation:1',
  kind: 'cpu_saturation',
  ruleId: 'cpu-saturation',
  severity: 'critical',
  score: 1,
  confidence: 0.7,
  title: 'CPU busy',
  summary: 'CPU was busy.',
  onsetUnixNano: '1',
  endUnixNano: '2',
  evidence: { series: [], spans: [], traceIds: [], numbers: {} },
  techniques: [],
};

describe('parseLiveMessage', () => {
  it('accepts a stats frame as text or object', () => {
    const frame = { type: 'stats', counts, rates, atUnixMs: 1 };
    expect(parseLiveMessage(JSON.stringify(frame))).toEqual(frame);
    expect(parseLiveMessage(frame)).toEqual(frame);
  });

  it('accepts a findings frame and drops malformed findings from it', () => {
    const frame = { type: 'findings', findings: [finding, { ...finding, severity: 'fatal' }], evaluatedAtUnixNano: '5' };
    expect(parseLiveMessage(JSON.stringify(frame))).toEqual({ ...frame, findings: [finding] });
    expect(parseLiveMessage({ type: 'findings', findings: [], evaluatedAtUnixNano: null })).toEqual({
      type: 'findings',
      findings: [],
      evaluatedAtUnixNano: null,
    });
  });

  it('drops anything else', () => {
    expect(parseLiveMessage('not json')).toBeNull();
    expect(parseLiveMessage({ type: 'other', counts, rates, atUnixMs: 1 })).toBeNull();
    expect(parseLiveMessage({ type: 'stats', counts: { spans: 1 }, rates, atUnixMs: 1 })).toBeNull();
    expect(parseLiveMessage({ type: 'stats', counts, rates })).toBeNull();
    expect(parseLiveMessage({ type: 'findings', findings: {}, evaluatedAtUnixNano: null })).toBeNull();
    expect(parseLiveMessage({ type: 'findings', findings: [], evaluatedAtUnixNano: 12 })).toBeNull();
    expect(parseLiveMessage(null)).toBeNull();
  });
});
