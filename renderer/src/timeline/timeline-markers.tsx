// One marker per finding at the time the replay raised it, coloured by severity. Hover or focus shows its
// title; a click moves the playhead there and opens the finding.
import { useState } from 'react';
import type { Finding } from '../../../common/findings.ts';
import { formatOffset, nanosToMillisOrNull } from '../incident/incident-time.ts';
import { fractionOf, markerLanes } from './timeline-math.ts';

const LANES = 3;
/** Markers closer than this share of the track go into separate lanes. */
const MIN_GAP = 0.012;

export interface TimelineMarkersProps {
  findings: readonly Finding[];
  fromMs: number;
  toMs: number;
  onOpen: (finding: Finding, detectedMs: number) => void;
}

interface Marker {
  finding: Finding;
  detectedMs: number;
  fraction: number;
}

export function TimelineMarkers({ findings, fromMs, toMs, onOpen }: TimelineMarkersProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const markers: Marker[] = [];
  for (const finding of findings) {
    const detectedMs = nanosToMillisOrNull(finding.detectedAtUnixNano);
    if (detectedMs !== null) markers.push({ finding, detectedMs, fraction: fractionOf(detectedMs, fromMs, toMs) });
  }
  const lanes = markerLanes(markers.map((marker) => marker.fraction), MIN_GAP, LANES);
  const shown = markers.find((marker) => marker.finding.id === hovered);

  return (
    <>
      {markers.map((marker, index) => (
        <button
          key={marker.finding.id}
          type="button"
          className={`timeline__marker timeline__marker--${marker.finding.severity}`}
          style={{ left: `${marker.fraction * 100}%` }}
          data-lane={lanes[index] ?? 0}
          aria-label={`${marker.finding.severity} finding at ${formatOffset(marker.detectedMs - fromMs)}: ${marker.finding.title}`}
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => {
            setHovered(null);
            onOpen(marker.finding, marker.detectedMs);
          }}
          onPointerEnter={() => setHovered(marker.finding.id)}
          onPointerLeave={() => setHovered((current) => (current === marker.finding.id ? null : current))}
          onFocus={(event) => {
            // Keyboard focus shows the title; focus left behind by a click does not.
            if (event.currentTarget.matches(':focus-visible')) setHovered(marker.finding.id);
          }}
          onBlur={() => setHovered((current) => (current === marker.finding.id ? null : current))}
        />
      ))}
      {shown && (
        <div
          className="timeline__tooltip"
          role="tooltip"
          style={{ left: `${shown.fraction * 100}%` }}
          data-edge={shown.fraction < 0.2 ? 'start' : shown.fraction > 0.8 ? 'end' : undefined}
        >
          <span className={`timeline__tooltip-severity timeline__tooltip-severity--${shown.finding.severity}`}>
            {shown.finding.severity}
          </span>
          <span className="timeline__tooltip-title">{shown.finding.title}</span>
          <span className="timeline__tooltip-time num">detected {formatOffset(shown.detectedMs - fromMs)}</span>
        </div>
      )}
    </>
  );
}
