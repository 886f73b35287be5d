import { describe, expect, it } from 'vitest';
import { createPlayheadStore } from './playhead-store.ts';
import type { PlayheadEnvironment } from './playhead-store.ts';

function fakeEnvironment() {
  let now = 0;
  const frames = new Map<number, () => void>();
  let next = 1;
  const saved = new Map<string, string>();
  const env: PlayheadEnvironment = {
    now: () => now,
    requestFrame(callback) {
      frames.set(next, callback);
      return next++;
    },
    cancelFrame: (handle) => frames.delete(handle),
    storage: { getItem: (key) => saved.get(key) ?? null, setItem: (key, value) => saved.set(key, value) },
  };
  /** Runs one animation frame `ms` after the last. */
  const tick = (ms: number): void => {
    now += ms;
    const pending = [...frames.values()];
    frames.clear();
    for (const callback of pending) callback();
  };
  return { env, tick, pendingFrames: () => frames.size };
}

describe('the playhead store', () => {
  it('plays on animation frames and publishes the data position at most twice a second', () => {
    const { env, tick } = fakeEnvironment();
    const store = createPlayheadStore(env);
    store.load('a', 0, 100_000, { autoplay: true, speed: 10 });
    expect(store.getDataUntil()).toBe(0);
    tick(100);
    expect(store.getState()?.positionMs).toBe(1000);
    expect(store.getDataUntil()).toBe(0);
    for (let i = 0; i < 4; i += 1) tick(100);
    expect(store.getState()?.positionMs).toBe(5000);
    expect(store.getDataUntil()).toBe(5000);
  });

  it('stops at the end and stops asking for frames', () => {
    const { env, tick, pendingFrames } = fakeEnvironment();
    const store = createPlayheadStore(env);
    store.load('a', 0, 1000, { autoplay: true, speed: 60 });
    tick(50);
    expect(store.getState()).toMatchObject({ positionMs: 1000, playing: false });
    expect(store.getDataUntil()).toBe(1000);
    expect(pendingFrames()).toBe(0);
  });

  it('publishes a seek at once and notifies listeners', () => {
    const { env } = fakeEnvironment();
    const store = createPlayheadStore(env);
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.load('a', 0, 100_000, { autoplay: false, speed: 1 });
    store.seek(42_000);
    expect(store.getDataUntil()).toBe(42_000);
    store.step(-5000);
    expect(store.getDataUntil()).toBe(37_000);
    expect(calls).toBe(3);
  });

  it('keeps the position of the same incident across a reload, paused', () => {
    const { env } = fakeEnvironment();
    const first = createPlayheadStore(env);
    first.load('a', 0, 100_000, { autoplay: true, speed: 10 });
    first.seek(30_000);
    const second = createPlayheadStore(env);
    second.load('a', 0, 100_000, { autoplay: true, speed: 1 });
    expect(second.getState()).toMatchObject({ positionMs: 30_000, playing: false, speed: 10 });
    const other = createPlayheadStore(env);
    other.load('b', 0, 100_000, { autoplay: true, speed: 10 });
    expect(other.getState()).toMatchObject({ positionMs: 0, playing: true });
  });

  it('ignores a load of the incident it already has and forgets it on clear', () => {
    const { env } = fakeEnvironment();
    const store = createPlayheadStore(env);
    store.load('a', 0, 100_000, { autoplay: false, speed: 1 });
    store.seek(10_000);
    store.load('a', 0, 100_000, { autoplay: true, speed: 10 });
    expect(store.getState()).toMatchObject({ positionMs: 10_000, playing: false });
    store.clear();
    expect(store.getState()).toBeNull();
    expect(store.getDataUntil()).toBeNull();
  });
});
