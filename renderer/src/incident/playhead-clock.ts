// The incident playhead as pure state: where it is, whether it plays and how fast. Time is incident time in
// Unix milliseconds (a float holds it to well below a millisecond); the caller feeds wall-clock deltas.

export const PLAYBACK_SPEEDS = [1, 10, 60] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

/** ← / → move the playhead this far. */
export const STEP_MS = 5000;
/** A longer gap between frames (hidden tab, debugger) counts as this much, so playback never jumps ahead. */
export const MAX_FRAME_MS = 250;

export interface PlayheadState {
  fromMs: number;
  toMs: number;
  positionMs: number;
  playing: boolean;
  speed: PlaybackSpeed;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

export function startPlayhead(fromMs: number, toMs: number, options: { playing?: boolean; speed?: PlaybackSpeed } = {}): PlayheadState {
  const end = Math.max(fromMs, toMs);
  return { fromMs, toMs: end, positionMs: fromMs, playing: (options.playing ?? false) && end > fromMs, speed: options.speed ?? 1 };
}

/** Moves the playhead by `elapsedWallMs` of real time; stops playing at the end. */
export function advance(state: PlayheadState, elapsedWallMs: number): PlayheadState {
  if (!state.playing) return state;
  const elapsed = clamp(elapsedWallMs, 0, MAX_FRAME_MS);
  const positionMs = Math.min(state.positionMs + elapsed * state.speed, state.toMs);
  return { ...state, positionMs, playing: positionMs < state.toMs };
}

export function seek(state: PlayheadState, positionMs: number): PlayheadState {
  const clamped = clamp(positionMs, state.fromMs, state.toMs);
  return { ...state, positionMs: clamped, playing: state.playing && clamped < state.toMs };
}

export function step(state: PlayheadState, deltaMs: number): PlayheadState {
  return seek(state, state.positionMs + deltaMs);
}

/** Play from where it is; at the end, play again from the start. */
export function togglePlaying(state: PlayheadState): PlayheadState {
  if (state.playing) return { ...state, playing: false };
  if (state.toMs <= state.fromMs) return state;
  const atEnd = state.positionMs >= state.toMs;
  return { ...state, playing: true, positionMs: atEnd ? state.fromMs : state.positionMs };
}

export function withSpeed(state: PlayheadState, speed: PlaybackSpeed): PlayheadState {
  return { ...state, speed };
}

/**
 * Whether views should reload for a new playhead position: at once when it was moved by hand or stopped,
 * at most every `intervalMs` of wall time while it plays (60× would otherwise ask for data every frame).
 */
export function shouldPublish(playing: boolean, lastPublishedWallMs: number, nowWallMs: number, intervalMs: number): boolean {
  return !playing || nowWallMs - lastPublishedWallMs >= intervalMs;
}

export function isPlaybackSpeed(value: unknown): value is PlaybackSpeed {
  return (PLAYBACK_SPEEDS as readonly unknown[]).includes(value);
}
