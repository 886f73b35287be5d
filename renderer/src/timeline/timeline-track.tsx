// The track of the incident timeline: the time axis, findings as markers where the replay raised them and the
// playhead, which a click or a drag moves; for the keyboard it is a slider.
import { useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { Finding } from '../../../common/findings.ts';
import { formatClockTime } from '../format/relative-time.ts';
import { useElementWidth } from '../hooks/use-element-width.ts';
import { STEP_MS } from '../incident/playhead-clock.ts';
import type { PlayheadSnapshot, PlayheadStore } from '../incident/playhead-store.ts';
import { formatOffset } from '../incident/incident-time.ts';
import { hrefFor } from '../routing/route.ts';
import { navigate } from '../routing/use-route.ts';
import { TimelineMarkers } from './timeline-markers.tsx';
import { axisTicks, fractionOf, timeAtClientX } from './timeline-math.ts';

/** Room each axis label needs, so labels never crowd on a narrow window. */
const TICK_SPACING_PX = 72;
const MAX_TICKS = 11;

export interface TimelineTrackProps {
  state: PlayheadSnapshot;
  playhead: PlayheadStore;
  findings: readonly Finding[];
}

export function TimelineTrack({ state, playhead, findings }: TimelineTrackProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const trackWidth = useElementWidth(trackRef);

  const { fromMs, toMs, positionMs } = state;
  const durationMs = toMs - fromMs;
  const fraction = fractionOf(positionMs, fromMs, toMs);
  const ticks = axisTicks(durationMs, Math.min(MAX_TICKS, Math.max(2, Math.floor(trackWidth / TICK_SPACING_PX))));

  const seekTo = (clientX: number): void => {
    const rect = trackRef.current?.getBoundingClientRect();
    if (rect) playhead.seek(timeAtClientX(clientX, rect.left, rect.width, fromMs, toMs));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus({ preventScroll: true });
    setDragging(true);
    seekTo(event.clientX);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (dragging) seekTo(event.clientX);
  };
  const endDrag = (event: PointerEvent<HTMLDivElement>): void => {
    if (!dragging) return;
    setDragging(false);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, () => void> = {
      ArrowLeft: () => playhead.step(-STEP_MS),
      ArrowDown: () => playhead.step(-STEP_MS),
      ArrowRight: () => playhead.step(STEP_MS),
      ArrowUp: () => playhead.step(STEP_MS),
      PageDown: () => playhead.step(-6 * STEP_MS),
      PageUp: () => playhead.step(6 * STEP_MS),
      Home: () => playhead.seek(fromMs),
      End: () => playhead.seek(toMs),
      ' ': () => playhead.toggle(),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };
  const openFinding = (finding: Finding, detectedMs: number): void => {
    playhead.pause();
    playhead.seek(detectedMs);
    navigate(hrefFor({ view: 'finding', findingId: finding.id }));
  };

  return (
    <div className="timeline__track-area">
      <div
        ref={trackRef}
        className={`timeline__track${dragging ? ' timeline__track--dragging' : ''}`}
        role="slider"
        tabIndex={0}
        aria-label="Playhead"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round((positionMs - fromMs) / 1000)}
        aria-valuetext={`${formatOffset(positionMs - fromMs)} of ${formatOffset(durationMs)}, ${formatClockTime(positionMs, false)}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onKeyDown={onKeyDown}
      >
        <div className="timeline__rail" aria-hidden="true">
          <div className="timeline__played" style={{ transform: `scaleX(${fraction})` }} />
        </div>
        {ticks.map((offset) => {
          const at = fractionOf(fromMs + offset, fromMs, toMs);
          return (
            <span
              key={offset}
              className="timeline__tick num"
              style={{ left: `${at * 100}%` }}
              data-edge={at > 0.97 ? 'end' : undefined}
              aria-hidden="true"
            >
              {formatOffset(offset).slice(1)}
            </span>
          );
        })}
        <TimelineMarkers findings={findings} fromMs={fromMs} toMs={toMs} onOpen={openFinding} />
        <div className="timeline__playhead" style={{ left: `${fraction * 100}%` }} aria-hidden="true" />
      </div>
    </div>
  );
}
