// The views in the side nav. A new view (Findings, Metrics, Services, Replay, Techniques,
// Settings) is one entry here plus one case in the router.
import type { ViewName } from './route.ts';

export interface NavItem {
  /** Views that highlight this item. */
  views: ViewName[];
  label: string;
  href: string;
  icon: 'overview' | 'traces' | 'techniques' | 'services' | 'metrics' | 'settings';
  /** Second key after "g". */
  shortcutKey: string;
}

export const NAV_ITEMS: NavItem[] = [
  { views: ['overview', 'finding'], label: 'Overview', href: '#/', icon: 'overview', shortcutKey: 'o' },
  { views: ['traces', 'trace'], label: 'Traces', href: '#/traces', icon: 'traces', shortcutKey: 't' },
  { views: ['metrics'], label: 'Metrics', href: '#/metrics', icon: 'metrics', shortcutKey: 'm' },
  { views: ['services'], label: 'Services', href: '#/services', icon: 'services', shortcutKey: 's' },
  { views: ['techniques'], label: 'Techniques', href: '#/techniques', icon: 'techniques', shortcutKey: 'k' },
  { views: ['settings'], label: 'Settings', href: '#/settings', icon: 'settings', shortcutKey: 'p' },
];
