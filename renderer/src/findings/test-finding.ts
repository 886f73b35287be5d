// A complete finding for tests, overridable field by field.
import type { ListedFinding } from '../../../common/api-contract.ts';

export function testFinding(overrides: Partial<ListedFinding> = {}): ListedFinding {
  return {
    id: 'pool-exhaustion:abc',
    kind: 'pool_exhaustion',
    ruleId: 'pool-exhaustion',
    severity: 'critical',
    score: 0.9,
    confidence: 0.8,
    title: 'Connection pool of shop is exhausted',
    summary: 'Requests waited 180 ms (p95) for one of 2 connections.',
    service: 'shop',
    resource: 'pg-pool',
    onsetUnixNano: '1795416447412000000',
    endUnixNano: '1795416488280000000',
    evidence: {
      series: [
        {
          metric: 'db.client.connection.wait_time p95',
          unit: 'ms',
          attributes: { pool: 'shop' },
          points: [
            { timeUnixNano: '1795416440000000000', value: 2 },
            { timeUnixNano: '1795416450000000000', value: 180 },
          ],
          threshold: 50,
        },
      ],
      spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7', name: 'pg-pool.connect', durationNano: '182000000' }],
      traceIds: ['0af7651916cd43dd8448eb211c80319c'],
      numbers: { 'pool.max': 2, 'waiting.p95_ms': 180 },
      comparison: [{ label: 'server p95 latency', before: 80, after: 277, unit: 'ms' }],
    },
    techniques: [
      { id: 'connection-pooling', name: 'Connection pool sizing', why: 'Requests wait 180 ms for 2 connections while the database is idle.' },
      { id: 'query-optimization', name: 'Query optimization', why: 'Shorter queries hold connections for less time.' },
    ],
    notYet: ['Do not add read replicas: the database is idle.'],
    detectedAtUnixNano: '1795416450000000000',
    ...overrides,
  };
}
