// Publishes an element's height as a CSS custom property on <html>, so layouts elsewhere can leave room
// for it (e.g. sticky panels below the banners and the incident timeline).
import { useEffect } from 'react';
import type { RefObject } from 'react';

export function useHeightVariable(ref: RefObject<HTMLElement | null>, name: `--${string}`): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const update = (): void => root.style.setProperty(name, `${Math.round(element.getBoundingClientRect().height)}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(name);
    };
  }, [ref, name]);
}
