import { describe, expect, it } from 'vitest';
import { parseLiveMessage } from './live-message.ts';

const counts = { spans: 10, metricPoints: 20, logs: 0 };
const rates = { spans: 1.5, metricPoints: 4, logs: 0 };

describe('parseLiveMessage', () => {
  it('accepts a stats frame as text or object', () => {
    const frame = { type: 'stats', counts, rates, atUnixMs: 1 };
    expect(parseLiveMessage(JSON.stringify(frame))).toEqual(frame);
    expect(parseLiveMessage(frame)).toEqual(frame);
  });

  it('drops anything else', () => {
    expect(parseLiveMessage('not json')).toBeNull();
    expect(parseLiveMessage({ type: 'other', counts, rates, atUnixMs: 1 })).toBeNull();
    expect(parseLiveMessage({ type: 'stats', counts: { spans: 1 }, rates, atUnixMs: 1 })).toBeNull();
    expect(parseLiveMessage({ type: 'stats', counts, rates })).toBeNull();
    expect(parseLiveMessage(null)).toBeNull();
  });
});
