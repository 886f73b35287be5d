import { describe, expect, it } from 'vitest';
import { MAX_FRAME_MS, advance, seek, shouldPublish, startPlayhead, step, togglePlaying, withSpeed } from './playhead-clock.ts';

const FROM = 1_795_416_417_463;
const TO = FROM + 94_076;

describe('the playhead clock', () => {
  it('starts at the incident start, paused unless asked to play', () => {
    expect(startPlayhead(FROM, TO)).toEqual({ fromMs: FROM, toMs: TO, positionMs: FROM, playing: false, speed: 1 });
    expect(startPlayhead(FROM, TO, { playing: true, speed: 10 })).toMatchObject({ playing: true, speed: 10 });
    expect(startPlayhead(FROM, FROM, { playing: true }).playing).toBe(false);
  });

  it('advances by wall time times the speed', () => {
    const state = startPlayhead(FROM, TO, { playing: true, speed: 10 });
    expect(advance(state, 100).positionMs).toBe(FROM + 1000);
    expect(advance(withSpeed(state, 60), 100).positionMs).toBe(FROM + 6000);
    expect(advance({ ...state, playing: false }, 100).positionMs).toBe(FROM);
  });

  it('caps one frame, so a hidden tab does not jump ahead', () => {
    const state = startPlayhead(FROM, TO, { playing: true, speed: 1 });
    expect(advance(state, 60_000).positionMs).toBe(FROM + MAX_FRAME_MS);
    expect(advance(state, -50).positionMs).toBe(FROM);
  });

  it('stops playing at the end', () => {
    const state = { ...startPlayhead(FROM, TO, { playing: true, speed: 60 }), positionMs: TO - 1000 };
    const next = advance(state, 200);
    expect(next.positionMs).toBe(TO);
    expect(next.playing).toBe(false);
  });

  it('seeks and steps within the range', () => {
    const state = startPlayhead(FROM, TO);
    expect(seek(state, FROM - 10).positionMs).toBe(FROM);
    expect(seek(state, TO + 10).positionMs).toBe(TO);
    expect(step(state, 5000).positionMs).toBe(FROM + 5000);
    expect(step(step(state, 5000), -10_000).positionMs).toBe(FROM);
    expect(seek({ ...state, playing: true }, TO).playing).toBe(false);
  });

  it('plays again from the start when play is pressed at the end', () => {
    const atEnd = { ...startPlayhead(FROM, TO), positionMs: TO };
    expect(togglePlaying(atEnd)).toMatchObject({ playing: true, positionMs: FROM });
    const midway = { ...atEnd, positionMs: FROM + 10 };
    expect(togglePlaying(midway)).toMatchObject({ playing: true, positionMs: FROM + 10 });
    expect(togglePlaying(togglePlaying(midway)).playing).toBe(false);
  });

  it('publishes at once when paused, throttled while playing', () => {
    expect(shouldPublish(false, 1000, 1001, 500)).toBe(true);
    expect(shouldPublish(true, 1000, 1400, 500)).toBe(false);
    expect(shouldPublish(true, 1000, 1500, 500)).toBe(true);
  });
});
