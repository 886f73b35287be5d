import { describe, expect, it } from 'vitest';
import {
  confidenceLevel,
  describeChange,
  describeConfidence,
  describeWhere,
  findingDuration,
  formatNamedNumber,
  seriesLabel,
  summarizeEvidenceSeries,
  unitFromName,
} from './finding-facts.ts';

describe('named numbers', () => {
  it('take the unit their name implies', () => {
    expect(unitFromName('waiting.p95_ms')).toBe('ms');
    expect(unitFromName('duration.seconds')).toBe('s');
    expect(unitFromName('cpu.busy.mean')).toBe('1');
    expect(unitFromName('pool.max')).toBe('');
    expect(formatNamedNumber('waiting.p95_ms', 180)).toBe('180 ms');
    expect(formatNamedNumber('cpu.busy.mean', 1.874007050331334)).toBe('187%');
    expect(formatNamedNumber('duration.seconds', 36.036)).toBe('36 s');
    expect(formatNamedNumber('pool.max', 10)).toBe('10');
    expect(formatNamedNumber('queries.per_request', 101.5)).toBe('102');
  });
});

describe('describeChange', () => {
  it('says how much a value moved', () => {
    expect(describeChange(80, 277)).toBe('×3.46');
    expect(describeChange(100, 146)).toBe('+46%');
    expect(describeChange(100, 80)).toBe('−20%');
    expect(describeChange(100, 100.2)).toBe('unchanged');
    expect(describeChange(0, 5)).toBe('');
  });
});

describe('evidence series', () => {
  const series = {
    metric: 'system.cpu.utilization',
    unit: '1',
    attributes: { host: 'vm' },
    threshold: 0.85,
    points: [
      { timeUnixNano: '1000000000', value: 0.5 },
      { timeUnixNano: '2000000000', value: 0.9 },
      { timeUnixNano: '3000000000', value: 0.99 },
    ],
  };

  it('finds the peak and the first crossing', () => {
    expect(summarizeEvidenceSeries(series)).toEqual({ peak: 0.99, crossedAtMs: 2000 });
    expect(summarizeEvidenceSeries({ ...series, threshold: undefined })).toEqual({ peak: 0.99, crossedAtMs: null });
    expect(summarizeEvidenceSeries({ ...series, points: [] })).toEqual({ peak: null, crossedAtMs: null });
  });

  it('labels a series with its attributes', () => {
    expect(seriesLabel(series)).toBe('system.cpu.utilization {host=vm}');
    expect(seriesLabel({ ...series, attributes: {} })).toBe('system.cpu.utilization');
  });
});

describe('confidence, where and how long', () => {
  it('reads plainly', () => {
    expect(confidenceLevel(0.9)).toBe('high');
    expect(confidenceLevel(0.7)).toBe('medium');
    expect(confidenceLevel(0.4)).toBe('low');
    expect(describeConfidence(0.7)).toBe('medium confidence (70%)');
    expect(describeWhere({ service: 'shop', resource: 'pg-pool' })).toBe('shop · pg-pool');
    expect(describeWhere({ resource: 'vm' })).toBe('vm');
    expect(findingDuration({ onsetUnixNano: '1000000000', endUnixNano: '37036000000' })).toBe('36 s');
    expect(findingDuration({ onsetUnixNano: '5', endUnixNano: '1' })).toBe('—');
  });
});
