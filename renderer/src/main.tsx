// Entry point: theme first (so the first paint has the right colours), then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyInitialTheme } from './hooks/use-theme.ts';
import { App } from './app.tsx';
import './styles/theme.css';
import './styles/base.css';
import './shell/shell.css';
import './components/components.css';

applyInitialTheme();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
