// Play/pause and the playback speed, beside the timeline.
import { PLAYBACK_SPEEDS } from '../incident/playhead-clock.ts';
import type { PlaybackSpeed } from '../incident/playhead-clock.ts';
import { Icon } from '../shell/icon.tsx';

export interface TimelineControlsProps {
  playing: boolean;
  speed: PlaybackSpeed;
  onToggle: () => void;
  onSpeed: (speed: PlaybackSpeed) => void;
}

export function TimelineControls({ playing, speed, onToggle, onSpeed }: TimelineControlsProps) {
  return (
    <div className="timeline__controls">
      <button
        type="button"
        className="timeline__play"
        onClick={onToggle}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        <Icon name={playing ? 'pause' : 'play'} size={14} />
      </button>
      <div className="timeline__speeds" role="group" aria-label="Playback speed">
        {PLAYBACK_SPEEDS.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="timeline__speed num"
            aria-pressed={candidate === speed}
            onClick={() => onSpeed(candidate)}
            title={`Play at ${candidate}× speed`}
          >
            {candidate}×
          </button>
        ))}
      </div>
    </div>
  );
}
