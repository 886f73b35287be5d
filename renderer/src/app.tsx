// The console: shell (header, nav, banners, the incident's timeline) around the view the hash route picks.
import { useEffect, useRef } from 'react';
import { useHeightVariable } from './hooks/use-height-variable.ts';
import { IncidentProvider } from './incident/incident-context.tsx';
import { LiveProvider } from './live/live-context.tsx';
import { useGoShortcuts } from './routing/use-go-shortcuts.ts';
import { useRoute } from './routing/use-route.ts';
import type { Route } from './routing/route.ts';
import { ApiBanner } from './shell/api-banner.tsx';
import { AppHeader } from './shell/app-header.tsx';
import { FileDrop } from './shell/file-drop.tsx';
import { IncidentBar } from './shell/incident-bar.tsx';
import { SideNav } from './shell/side-nav.tsx';
import { FindingView } from './views/finding/finding-view.tsx';
import { OverviewView } from './views/overview/overview-view.tsx';
import { TraceView } from './views/trace/trace-view.tsx';
import { TracesView } from './views/traces/traces-view.tsx';
import { NotFoundView } from './views/not-found-view.tsx';
import { TechniquesView } from './views/techniques/techniques-view.tsx';
import { MetricsView } from './views/metrics/metrics-view.tsx';
import { ServicesView } from './views/services/services-view.tsx';
import { SettingsView } from './views/settings/settings-view.tsx';

const TITLES: Record<Route['view'], string> = {
  overview: 'Overview',
  traces: 'Traces',
  trace: 'Trace',
  finding: 'Finding',
  techniques: 'Techniques',
  services: 'Services',
  metrics: 'Metrics',
  settings: 'Settings',
  'not-found': 'Not found',
};

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'overview':
      return <OverviewView />;
    case 'traces': {
      const { view: _view, ...filter } = route;
      return <TracesView filter={filter} />;
    }
    case 'trace':
      return <TraceView traceId={route.traceId} source={route.source} spanId={route.spanId} />;
    case 'finding':
      return <FindingView findingId={route.findingId} />;
    case 'techniques':
      return <TechniquesView kind={route.kind} techniqueId={route.techniqueId} />;
    case 'services':
      return <ServicesView />;
    case 'metrics':
      return <MetricsView name={route.name} />;
    case 'settings':
      return <SettingsView />;
    case 'not-found':
      return <NotFoundView path={route.path} />;
  }
}

export function App() {
  const route = useRoute();
  const scrollRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  useGoShortcuts();
  useHeightVariable(topRef, '--main-top-height');
  const routeKey = route.view === 'finding' ? `finding:${route.findingId}` : route.view === 'trace' ? route.traceId : route.view === 'metrics' ? `metrics:${route.name ?? ''}` : route.view;

  useEffect(() => {
    document.title = `${TITLES[route.view]} · Chokepoint`;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [route.view, routeKey]);

  return (
    <LiveProvider>
      <IncidentProvider>
        <div className="app">
          <a
            className="skip-link"
            href="#main"
            onClick={(event) => {
              event.preventDefault();
              scrollRef.current?.focus();
            }}
          >
            Skip to content
          </a>
          <FileDrop />
          <AppHeader />
          <SideNav route={route} />
          <main id="main" className="app-main">
            <div className="app-main__top" ref={topRef}>
              <ApiBanner />
              <IncidentBar />
            </div>
            <div className="app-main__scroll" ref={scrollRef} tabIndex={-1}>
              <CurrentView route={route} />
            </div>
          </main>
        </div>
      </IncidentProvider>
    </LiveProvider>
  );
}
