import { describe, expect, it } from 'vitest';
import { ChokepointError } from '../common/error-codes.ts';
import { WritePause } from './write-pause.ts';

const full = new ChokepointError('STORE_UNAVAILABLE', 'Store unavailable while storing telemetry: the disk holding the database is full.');

function pauseAt(start: number) {
  const clock = { now: start };
  return { clock, pause: new WritePause(2_000, () => clock.now) };
}

describe('WritePause', () => {
  it('lets every write through while nothing has failed', () => {
    const { pause } = pauseAt(0);
    for (let i = 0; i < 5; i += 1) expect(() => pause.check()).not.toThrow();
    expect(pause.current).toBeNull();
  });

  it('refuses writes after a store failure, saying why, and lets one probe through every interval', () => {
    const { clock, pause } = pauseAt(1_000);
    pause.failed(full);
    expect(() => pause.check()).toThrow(/Ingest is paused: .*disk holding the database is full/);
    clock.now = 2_999; // just before the probe is due
    expect(() => pause.check()).toThrow(ChokepointError);
    clock.now = 3_000; // the probe
    expect(() => pause.check()).not.toThrow();
    expect(() => pause.check()).toThrow(); // only one
    expect(pause.current).toEqual({ message: full.message, sinceUnixMs: 1_000, refused: 4 });
  });

  it('ends the pause when a write commits again', () => {
    const { clock, pause } = pauseAt(0);
    pause.failed(full);
    clock.now = 2_000;
    pause.check();
    pause.succeeded();
    expect(pause.current).toBeNull();
    expect(() => pause.check()).not.toThrow();
  });

  it('does not pause for bad input, only for store failures', () => {
    const { pause } = pauseAt(0);
    pause.failed(new ChokepointError('BAD_REQUEST', 'span id of the wrong length'));
    pause.failed(new ChokepointError('QUEUE_FULL', 'the write queue is full'));
    expect(pause.current).toBeNull();
    expect(() => pause.check()).not.toThrow();
  });
});
