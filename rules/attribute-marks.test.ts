import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildSpan } from '../fixtures/domain-builders.ts';
import { ATTRIBUTE_MARKS, MARK_FRESH_READ, MARK_RESENT, MARK_SIZED, MARK_STALE_READ, mayBeStaleKey } from './attribute-marks.ts';
import { StringIds } from './span-columns.ts';

const marksOf = (overrides: Partial<Span>): number => ATTRIBUTE_MARKS.compute({ ...buildSpan(overrides), normalizedStatement: null }, new StringIds());
const STALE_KEY = /(^|[._])(stale|stale[._]read|read[._]stale)$/i;

describe('attribute marks', () => {
  it('passes every stale-read key to the full pattern, and rules out the usual keys', () => {
    for (const key of ['stale', 'shop.read.stale', 'app.STALE', 'x_stale_read', 'cache.read_stale', 'Read.Stale']) {
      expect(STALE_KEY.test(key)).toBe(true);
      expect(mayBeStaleKey(key)).toBe(true);
    }
    for (const key of ['http.route', 'db.system.name', 'url.full', 'http.response.status_code', 'app.cache.hit', 'a', '']) expect(mayBeStaleKey(key)).toBe(false);
  });

  it('marks resent client attempts, sized server and client spans, and the first stale-read key', () => {
    expect(marksOf({ kind: 'client', attributes: { 'http.request.resend_count': 2 } })).toBe(MARK_RESENT);
    expect(marksOf({ kind: 'client', attributes: { 'http.resend_count': '1' } })).toBe(MARK_RESENT);
    // The current key wins when present, even at 0.
    expect(marksOf({ kind: 'client', attributes: { 'http.request.resend_count': 0, 'http.resend_count': 3 } })).toBe(0);
    expect(marksOf({ kind: 'server', attributes: { 'http.request.resend_count': 2 } })).toBe(0);
    expect(marksOf({ kind: 'server', attributes: { 'http.response.body.size': 10 } })).toBe(MARK_SIZED);
    expect(marksOf({ kind: 'client', attributes: { 'http.request_content_length': '5' } })).toBe(MARK_SIZED);
    expect(marksOf({ kind: 'internal', attributes: { 'http.response.body.size': 10 } })).toBe(0);
    expect(marksOf({ kind: 'server', attributes: { 'shop.read.stale': true, 'app.stale': false } })).toBe(MARK_STALE_READ);
    expect(marksOf({ kind: 'server', attributes: { 'shop.read.stale': 'no', 'app.stale': true } })).toBe(MARK_FRESH_READ);
    expect(marksOf({ kind: 'client', attributes: { 'shop.read.stale': 'true', 'http.request.resend_count': 1 } })).toBe(MARK_STALE_READ | MARK_RESENT);
  });
});
