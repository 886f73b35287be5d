// "g o", "g t", … : press g, then the item's key within a second. Ignored while typing.
import { useEffect } from 'react';
import { NAV_ITEMS } from './nav-items.ts';
import { navigate } from './use-route.ts';

const CHORD_MS = 1000;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useGoShortcuts(): void {
  useEffect(() => {
    let pendingSince = 0;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (pendingSince && Date.now() - pendingSince < CHORD_MS) {
        pendingSince = 0;
        const item = NAV_ITEMS.find((candidate) => candidate.shortcutKey === key);
        if (item) {
          event.preventDefault();
          navigate(item.href);
        }
        return;
      }
      pendingSince = key === 'g' ? Date.now() : 0;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
