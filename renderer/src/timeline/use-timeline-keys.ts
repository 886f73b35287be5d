// Space plays or pauses the incident, ← / → step 5 s — wherever focus is, except on controls that use
// those keys themselves (buttons, links, fields, lists, tabs) and while typing.
import { useEffect } from 'react';
import { STEP_MS } from '../incident/playhead-clock.ts';
import type { PlayheadStore } from '../incident/playhead-store.ts';

const OWN_KEYS = 'a[href], button, input, select, textarea, summary, [contenteditable], [role="slider"], [role="option"], [role="tab"], [role="listbox"], [role="button"]';

export function keepsItsKeys(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(OWN_KEYS) !== null;
}

export function useTimelineKeys(playhead: PlayheadStore, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || keepsItsKeys(event.target)) return;
      if (event.key === ' ') playhead.toggle();
      else if (event.key === 'ArrowLeft') playhead.step(-STEP_MS);
      else if (event.key === 'ArrowRight') playhead.step(STEP_MS);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [playhead, enabled]);
}
