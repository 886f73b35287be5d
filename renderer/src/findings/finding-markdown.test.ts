import { describe, expect, it } from 'vitest';
import { findingToMarkdown, formatUtc } from './finding-markdown.ts';
import { testFinding } from './test-finding.ts';

describe('findingToMarkdown', () => {
  it('writes a ticket with title, summary, numbers, traces, technique and not-yet', () => {
    const text = findingToMarkdown(testFinding());
    expect(text).toBe(
      [
        '## [CRITICAL] Connection pool of shop is exhausted',
        '',
        'Requests waited 180 ms (p95) for one of 2 connections.',
        '',
        '- **Where:** shop · pg-pool',
        '- **When:** 2026-11-23 06:47:27 UTC → 2026-11-23 06:48:08 UTC (40.9 s)',
        '- **Confidence:** medium (80%)',
        '',
        '### Evidence',
        '',
        '- server p95 latency: 80 ms → 277 ms (×3.46)',
        '- `pool.max`: 2',
        '- `waiting.p95_ms`: 180 ms',
        '- `db.client.connection.wait_time p95 {pool=shop}`: peak 180 ms, threshold 50 ms',
        '',
        '### Traces',
        '',
        '- `0af7651916cd43dd8448eb211c80319c` pg-pool.connect (182 ms)',
        '',
        '### Recommended: Connection pool sizing',
        '',
        'Requests wait 180 ms for 2 connections while the database is idle.',
        '',
        'Alternatives:',
        '',
        '- **Query optimization**: Shorter queries hold connections for less time.',
        '',
        '### Not yet',
        '',
        '- Do not add read replicas: the database is idle.',
        '',
        '_Found by Chokepoint, rule `pool-exhaustion`, finding `pool-exhaustion:abc`._',
        '',
      ].join('\n'),
    );
  });

  it('leaves out empty sections and keeps backticks and line breaks from breaking the text', () => {
    const text = findingToMarkdown(
      testFinding({
        title: 'Slow `SELECT`\nquery',
        service: undefined,
        resource: undefined,
        evidence: { series: [], spans: [], traceIds: ['a'.repeat(32)], numbers: {} },
        techniques: [],
        notYet: undefined,
      }),
    );
    expect(text).toContain("## [CRITICAL] Slow 'SELECT' query");
    expect(text).not.toContain('**Where:**');
    expect(text).not.toContain('### Evidence');
    expect(text).not.toContain('### Recommended');
    expect(text).not.toContain('### Not yet');
    expect(text).toContain(`- \`${'a'.repeat(32)}\``);
  });

  it('lists each trace once, at most ten', () => {
    const spans = Array.from({ length: 14 }, (_, i) => ({
      traceId: i.toString(16).padStart(32, '0'),
      spanId: i.toString(16).padStart(16, '0'),
      name: 'q',
      durationNano: '1000000',
    }));
    const text = findingToMarkdown(testFinding({ evidence: { ...testFinding().evidence, spans: [...spans, ...spans] } }));
    expect(text.match(/^- `[0-9a-f]{32}`/gm)).toHaveLength(10);
  });
});

describe('formatUtc', () => {
  it('prints UTC to the second', () => {
    expect(formatUtc('1795416447412000000')).toBe('2026-11-23 06:47:27 UTC');
    expect(formatUtc('x')).toBe('—');
  });
});
