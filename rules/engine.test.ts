import { describe, expect, it } from 'vitest';
import type { FindingKind, Severity } from '../common/findings.ts';
import type { Evidence } from './evidence.ts';
import { runRules } from './engine.ts';
import type { AnyRule, Rule, RuleFinding } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const evidence: Evidence = evidenceOf({}, T0 + 600n * SECOND);

function found(key: string, severity: Severity, score: number, fromS: number, toS: number, service?: string): RuleFinding {
  return {
    key, severity, score, confidence: 1, title: key, summary: key, service,
    onsetUnixNano: T0 + BigInt(fromS) * SECOND, endUnixNano: T0 + BigInt(toS) * SECOND,
    evidence: { series: [], spans: [], traceIds: [], numbers: {} }, why: {},
  };
}

function rule(id: string, kind: FindingKind, findings: (t: Record<'line', number>) => RuleFinding[]): AnyRule {
  const r: Rule<'line'> = {
    id, kind, title: id, needs: { metrics: [], spans: false, description: '' },
    thresholds: { line: { value: 1, source: 'test' } },
    techniques: ['profiling', 'no-such-technique'],
    evaluate: (_evidence, t) => findings(t),
  };
  return r;
}

describe('runRules', () => {
  it('ranks by severity, then score, and names only techniques that exist', () => {
    const out = runRules([
      rule('a', 'slow_query', () => [found('x', 'warning', 0.9, 0, 10, 'api')]),
      rule('b', 'hot_spot', () => [found('y', 'critical', 0.2, 0, 10, 'api')]),
      rule('c', 'retry_storm', () => [found('z', 'critical', 0.7, 0, 10, 'web')]),
    ], evidence);
    expect(out.map((f) => f.id)).toEqual(['c:z', 'b:y', 'a:x']);
    expect(out[0].techniques.map((t) => t.id)).toEqual(['profiling']);
  });

  it('links a symptom to its cause in the same episode and ranks it below', () => {
    const out = runRules([
      rule('pool', 'pool_exhaustion', () => [found('p', 'critical', 0.9, 100, 160, 'api')]),
      rule('slow', 'slow_query', () => [found('q', 'critical', 0.6, 90, 150, 'api')]),
    ], evidence);
    // Slow queries hold connections: the pool running dry is their symptom.
    expect(out.map((f) => f.id)).toEqual(['slow:q', 'pool:p']);
    expect(out[1]).toMatchObject({ causedBy: 'slow:q', score: 0.45 });
    expect(out[0].symptoms).toEqual(['pool:p']);
  });

  it('does not link findings minutes apart or on different services', () => {
    const apart = runRules([
      rule('slow', 'slow_query', () => [found('q', 'critical', 0.9, 0, 60, 'api')]),
      rule('pool', 'pool_exhaustion', () => [found('p', 'critical', 0.6, 400, 460, 'api')]),
      rule('pool2', 'pool_exhaustion', () => [found('p', 'critical', 0.6, 0, 60, 'billing')]),
    ], evidence);
    expect(apart.map((f) => f.causedBy)).toEqual([undefined, undefined, undefined]);
  });

  it('keeps going when a rule throws, and applies rule.threshold overrides', () => {
    const errors: string[] = [];
    const out = runRules([
      rule('broken', 'hot_spot', () => {
        throw new Error('boom');
      }),
      rule('lined', 'slow_query', (t) => (t.line > 5 ? [found('l', 'info', 0.1, 0, 1)] : [])),
    ], evidence, { overrides: { 'lined.line': 9 }, onRuleError: (id, error) => errors.push(`${id}: ${error.message}`) });
    expect(errors).toEqual(['broken: boom']);
    expect(out.map((f) => f.id)).toEqual(['lined:l']);
  });
});
