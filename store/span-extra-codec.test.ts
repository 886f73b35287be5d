import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { runMigrations } from './migrations.ts';
import { SpanExtraEncoder, decodeSpanExtra } from './span-extra-codec.ts';
import { StringDictionary } from './string-dictionary.ts';
import { buildSpan } from './test-builders.ts';

function setup() {
  const db = new Database(':memory:');
  runMigrations(db);
  const dict = new StringDictionary(db);
  return { dict, encoder: new SpanExtraEncoder(dict) };
}

const START = 1_700_000_000_000_000_000n;

function roundTrip(span: Span) {
  const { dict, encoder } = setup();
  const blob = encoder.encode(span);
  return decodeSpanExtra(blob === null ? null : Buffer.from(blob), span.startTimeUnixNano, dict);
}

describe('span extra codec', () => {
  it('stores nothing for a span without events, links or dropped counts', () => {
    expect(setup().encoder.encode(buildSpan())).toBeNull();
  });

  it('round-trips events at any time, long names, links with odd ids and dropped counts', () => {
    const span = buildSpan({
      startTimeUnixNano: START,
      events: [
        { timeUnixNano: START + 1_234n, name: 'exception', attributes: { 'exception.type': 'E', nested: { a: [1, 2] } }, droppedAttributesCount: 2 },
        { timeUnixNano: START - 5n, name: 'before the span started', attributes: {}, droppedAttributesCount: 0 },
        { timeUnixNano: 0n, name: 'x'.repeat(200), attributes: { n: 1.5 }, droppedAttributesCount: 0 },
        { timeUnixNano: 9_223_372_036_854_775_807n, name: 'far future', attributes: {}, droppedAttributesCount: 0 },
      ],
      links: [
        { traceId: '0123456789abcdef0123456789abcdef', spanId: '0123456789abcdef', traceState: 'a=b', attributes: { k: 'v' }, droppedAttributesCount: 1, flags: 257 },
        { traceId: 'ABCDEF0123456789ABCDEF0123456789', spanId: 'not-hex', traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 0 },
      ],
      droppedAttributesCount: 7,
      droppedEventsCount: 8,
      droppedLinksCount: 9,
    });
    expect(roundTrip(span)).toStrictEqual({
      events: span.events,
      links: span.links,
      droppedAttributesCount: 7,
      droppedEventsCount: 8,
      droppedLinksCount: 9,
    });
  });

  it('is much smaller than the same data as JSON', () => {
    const { encoder } = setup();
    const span = buildSpan({ startTimeUnixNano: START, events: [{ timeUnixNano: START + 2_000_000n, name: 'rows fetched', attributes: { 'row.count': 3 }, droppedAttributesCount: 0 }] });
    encoder.encode(span);
    const blob = encoder.encode(span)!;
    const json = JSON.stringify(span.events.map((e) => ({ t: e.timeUnixNano.toString(), n: e.name, a: e.attributes })));
    expect(blob.length).toBeLessThan(json.length / 4);
  });
});
