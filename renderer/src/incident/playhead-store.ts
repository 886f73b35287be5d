// The playhead as an external store: the timeline re-renders on every frame while it plays; views read
// only `dataUntil`, which moves at most twice a second while playing (and at once on a seek), so a 60×
// replay does not flood the API. The position survives a reload of the page (sessionStorage).
import {
  advance,
  isPlaybackSpeed,
  seek,
  shouldPublish,
  startPlayhead,
  step,
  togglePlaying,
  withSpeed,
} from './playhead-clock.ts';
import type { PlaybackSpeed, PlayheadState } from './playhead-clock.ts';

export interface PlayheadSnapshot extends PlayheadState {
  /** The incident this playhead belongs to. */
  key: string;
}

export interface PlayheadStore {
  getState: () => PlayheadSnapshot | null;
  /** The position views load data for (Unix ms); null without an incident. */
  getDataUntil: () => number | null;
  subscribe: (listener: () => void) => () => void;
  /** Puts the playhead on a newly opened incident; a no-op for the one already loaded. */
  load: (key: string, fromMs: number, toMs: number, options: { autoplay: boolean; speed: PlaybackSpeed }) => void;
  clear: () => void;
  toggle: () => void;
  pause: () => void;
  seek: (positionMs: number) => void;
  step: (deltaMs: number) => void;
  setSpeed: (speed: PlaybackSpeed) => void;
}

export interface PlayheadEnvironment {
  now: () => number;
  requestFrame: (callback: () => void) => number;
  cancelFrame: (handle: number) => void;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

const PUBLISH_INTERVAL_MS = 500;
const STORAGE_KEY = 'chokepoint.playhead';

function browserEnvironment(): PlayheadEnvironment {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null; // storage disabled
  }
  return {
    now: () => performance.now(),
    requestFrame: (callback) => window.requestAnimationFrame(callback),
    cancelFrame: (handle) => window.cancelAnimationFrame(handle),
    storage,
  };
}

function restore(env: PlayheadEnvironment, key: string): { positionMs: number; speed: PlaybackSpeed } | null {
  try {
    const saved = JSON.parse(env.storage?.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (typeof saved !== 'object' || saved === null) return null;
    const record = saved as Record<string, unknown>;
    if (record.key !== key || typeof record.positionMs !== 'number' || !isPlaybackSpeed(record.speed)) return null;
    return { positionMs: record.positionMs, speed: record.speed };
  } catch {
    return null;
  }
}

export function createPlayheadStore(env: PlayheadEnvironment = browserEnvironment()): PlayheadStore {
  let state: PlayheadSnapshot | null = null;
  let dataUntil: number | null = null;
  let publishedAt = Number.NEGATIVE_INFINITY;
  let frame: number | null = null;
  let lastFrameAt = 0;
  const listeners = new Set<() => void>();

  const save = (): void => {
    if (!state) return;
    try {
      env.storage?.setItem(STORAGE_KEY, JSON.stringify({ key: state.key, positionMs: state.positionMs, speed: state.speed }));
    } catch {
      // storage full or disabled: the position is just not kept
    }
  };

  const set = (next: PlayheadSnapshot | null, force = false): void => {
    state = next;
    const now = env.now();
    if (next === null) dataUntil = null;
    else if (force || shouldPublish(next.playing, publishedAt, now, PUBLISH_INTERVAL_MS)) {
      publishedAt = now;
      if (dataUntil !== next.positionMs) save();
      dataUntil = next.positionMs;
    }
    if (next?.playing && frame === null) {
      lastFrameAt = now;
      frame = env.requestFrame(onFrame);
    } else if (!next?.playing && frame !== null) {
      env.cancelFrame(frame);
      frame = null;
    }
    for (const listener of listeners) listener();
  };

  const onFrame = (): void => {
    frame = null;
    if (!state?.playing) return;
    const now = env.now();
    const elapsed = now - lastFrameAt;
    lastFrameAt = now;
    set({ ...advance(state, elapsed), key: state.key });
  };

  const update = (change: (current: PlayheadState) => PlayheadState): void => {
    if (state) set({ ...change(state), key: state.key }, true);
  };

  return {
    getState: () => state,
    getDataUntil: () => dataUntil,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load(key, fromMs, toMs, options) {
      if (state?.key === key && state.fromMs === fromMs && state.toMs === toMs) return;
      const saved = restore(env, key);
      const fresh = startPlayhead(fromMs, toMs, { playing: saved === null && options.autoplay, speed: saved?.speed ?? options.speed });
      set({ ...(saved ? seek(fresh, saved.positionMs) : fresh), key }, true);
    },
    clear: () => {
      if (state !== null) set(null, true);
    },
    toggle: () => update(togglePlaying),
    pause: () => update((current) => ({ ...current, playing: false })),
    seek: (positionMs) => update((current) => seek(current, positionMs)),
    step: (deltaMs) => update((current) => step(current, deltaMs)),
    setSpeed: (speed) => update((current) => withSpeed(current, speed)),
  };
}
