// The console: shell (header, nav, banner) around the view the hash route picks.
import { useEffect, useRef } from 'react';
import { LiveProvider } from './live/live-context.tsx';
import { useGoShortcuts } from './routing/use-go-shortcuts.ts';
import { useRoute } from './routing/use-route.ts';
import type { Route } from './routing/route.ts';
import { ApiBanner } from './shell/api-banner.tsx';
import { AppHeader } from './shell/app-header.tsx';
import { SideNav } from './shell/side-nav.tsx';
import { OverviewView } from './views/overview/overview-view.tsx';
import { TraceView } from './views/trace/trace-view.tsx';
import { TracesView } from './views/traces/traces-view.tsx';
import { NotFoundView } from './views/not-found-view.tsx';

const TITLES: Record<Route['view'], string> = {
  overview: 'Overview',
  traces: 'Traces',
  trace: 'Trace',
  'not-found': 'Not found',
};

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'overview':
      return <OverviewView />;
    case 'traces':
      return <TracesView service={route.service} />;
    case 'trace':
      return <TraceView traceId={route.traceId} />;
    case 'not-found':
      return <NotFoundView path={route.path} />;
  }
}

export function App() {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  useGoShortcuts();

  useEffect(() => {
    document.title = `${TITLES[route.view]} · Chokepoint`;
    mainRef.current?.scrollTo({ top: 0 });
  }, [route.view]);

  return (
    <LiveProvider>
      <div className="app">
        <a className="skip-link" href="#main" onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}>
          Skip to content
        </a>
        <AppHeader />
        <SideNav route={route} />
        <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
          <ApiBanner />
          <CurrentView route={route} />
        </main>
      </div>
    </LiveProvider>
  );
}
