import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../common/findings.ts';
import type { MetricInfo } from '../../../../common/metric-view.ts';
import { defaultMetric, filterMetrics, findingsOnChart } from './metric-picks.ts';

const metric = (name: string, description = ''): MetricInfo => ({ name, type: 'gauge', unit: '1', description });

function finding(id: string, onsetMs: number, endMs: number, metrics: string[]): Finding {
  return {
    id,
    kind: 'pool_exhaustion',
    ruleId: 'pool-exhaustion',
    severity: 'critical',
    score: 1,
    confidence: 1,
    title: id,
    summary: '',
    onsetUnixNano: `${onsetMs}000000`,
    endUnixNano: `${endMs}000000`,
    evidence: { series: metrics.map((m) => ({ metric: m, unit: '1', attributes: {}, points: [] })), spans: [], traceIds: [], numbers: {} },
    techniques: [],
  };
}

describe('metric picks', () => {
  it('opens CPU first when it is there, else the first metric, else nothing', () => {
    expect(defaultMetric([metric('a.b'), metric('system.cpu.utilization')])).toBe('system.cpu.utilization');
    expect(defaultMetric([metric('a.b'), metric('c')])).toBe('a.b');
    expect(defaultMetric([])).toBeUndefined();
  });

  it('filters by every word, in the name or the description, ignoring case', () => {
    const list = [metric('db.client.connection.count', 'Connections in the pool'), metric('system.cpu.utilization'), metric('db.client.connection.wait_time')];
    expect(filterMetrics(list, 'db POOL').map((m) => m.name)).toEqual(['db.client.connection.count']);
    expect(filterMetrics(list, '  ')).toHaveLength(3);
    expect(filterMetrics(list, 'gpu')).toEqual([]);
  });

  it('puts findings about this metric first, clips them to the chart and leaves out those outside it', () => {
    const out = findingsOnChart([finding('other', 100, 200, ['x']), finding('mine', 150, 900, ['pool']), finding('late', 2000, 3000, ['pool'])], 'pool', 120, 1000);
    expect(out.map((f) => [f.id, f.fromMs, f.toMs, f.aboutThisMetric])).toEqual([
      ['mine', 150, 900, true],
      ['other', 120, 200, false],
    ]);
  });
});
