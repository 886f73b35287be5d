// The incident timeline under the banner: play/pause and speed, the track with the findings and the
// playhead, and where the playhead is. Views follow the playhead; Space and ← / → work from anywhere.
import { useSyncExternalStore } from 'react';
import type { Finding } from '../../../common/findings.ts';
import { formatClockTime } from '../format/relative-time.ts';
import { formatOffset } from '../incident/incident-time.ts';
import type { PlayheadStore } from '../incident/playhead-store.ts';
import { TimelineControls } from './timeline-controls.tsx';
import { TimelineTrack } from './timeline-track.tsx';
import { useTimelineKeys } from './use-timeline-keys.ts';
import './timeline.css';

export interface TimelineProps {
  playhead: PlayheadStore;
  findings: readonly Finding[];
}

export function Timeline({ playhead, findings }: TimelineProps) {
  const state = useSyncExternalStore(playhead.subscribe, playhead.getState);
  useTimelineKeys(playhead, state !== null);
  if (!state) return null;
  const { fromMs, toMs, positionMs } = state;
  return (
    <div className="timeline">
      <TimelineControls playing={state.playing} speed={state.speed} onToggle={playhead.toggle} onSpeed={playhead.setSpeed} />
      <TimelineTrack state={state} playhead={playhead} findings={findings} />
      <div className="timeline__readout num" aria-hidden="true">
        <span className="timeline__clock">{formatClockTime(positionMs, false)}</span>
        <span className="timeline__offset">
          {formatOffset(positionMs - fromMs)} / {formatOffset(toMs - fromMs).slice(1)}
        </span>
      </div>
    </div>
  );
}
