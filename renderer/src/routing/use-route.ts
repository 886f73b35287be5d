// The current route, from location.hash.
import { useEffect, useState } from 'react';
import { parseRoute } from './route.ts';
import type { Route } from './route.ts';

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHashChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return route;
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}
