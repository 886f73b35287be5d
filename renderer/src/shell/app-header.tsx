import { LiveIndicator } from './live-indicator.tsx';
import { RecordControl } from './record-control.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function AppHeader() {
  return (
    <header className="app-header">
      <a className="app-header__brand" href="#/" aria-label="Chokepoint overview">
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
          <path d="M1 3h16l-6 6.5V15l-4 1.5V9.5z" fill="currentColor" />
        </svg>
        <span>Chokepoint</span>
      </a>
      <div className="app-header__right">
        <RecordControl />
        <LiveIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
