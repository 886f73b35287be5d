import { describe, expect, it } from 'vitest';
import { causeOf, rankFindings, symptomsOf } from './rank-findings.ts';
import { testFinding } from './test-finding.ts';

describe('rankFindings', () => {
  it('puts active findings first by severity, then score', () => {
    const findings = [
      testFinding({ id: 'a', severity: 'warning', score: 0.9 }),
      testFinding({ id: 'b', severity: 'critical', score: 0.4 }),
      testFinding({ id: 'c', severity: 'critical', score: 0.8 }),
      testFinding({ id: 'd', severity: 'info', score: 1 }),
    ];
    expect(rankFindings(findings).active.map((f) => f.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('lists resolved findings apart, the most recently seen first', () => {
    const findings = [
      testFinding({ id: 'old', active: false, lastSeenUnixNano: '100', severity: 'critical' }),
      testFinding({ id: 'live', active: true }),
      testFinding({ id: 'recent', active: false, lastSeenUnixNano: '200', severity: 'info' }),
    ];
    const ranked = rankFindings(findings);
    expect(ranked.active.map((f) => f.id)).toEqual(['live']);
    expect(ranked.resolved.map((f) => f.id)).toEqual(['recent', 'old']);
  });

  it('does not reorder its input', () => {
    const findings = [testFinding({ id: 'x', score: 0.1 }), testFinding({ id: 'y', score: 0.2 })];
    rankFindings(findings);
    expect(findings.map((f) => f.id)).toEqual(['x', 'y']);
  });
});

describe('causeOf and symptomsOf', () => {
  const cause = testFinding({ id: 'cause', symptoms: ['listed'] });
  const listed = testFinding({ id: 'listed' });
  const linked = testFinding({ id: 'linked', causedBy: 'cause' });
  const unrelated = testFinding({ id: 'other' });
  const all = [cause, listed, linked, unrelated];

  it('finds the cause of a symptom when it is listed', () => {
    expect(causeOf(linked, all)?.id).toBe('cause');
    expect(causeOf(testFinding({ causedBy: 'gone' }), all)).toBeUndefined();
    expect(causeOf(unrelated, all)).toBeUndefined();
  });

  it('collects symptoms from both directions of the link', () => {
    expect(symptomsOf(cause, all).map((f) => f.id)).toEqual(['listed', 'linked']);
    expect(symptomsOf(unrelated, all)).toEqual([]);
  });
});
