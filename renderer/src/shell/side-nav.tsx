import type { Route } from '../routing/route.ts';
import { NAV_ITEMS } from '../routing/nav-items.ts';
import { Icon } from './icon.tsx';

export function SideNav({ route }: { route: Route }) {
  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => {
          const active = item.views.includes(route.view);
          return (
            <li key={item.href}>
              <a
                className={`side-nav__item${active ? ' side-nav__item--active' : ''}`}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                aria-keyshortcuts={`g ${item.shortcutKey}`}
              >
                <Icon name={item.icon} />
                <span className="side-nav__label">{item.label}</span>
                <kbd className="side-nav__shortcut" aria-hidden="true">
                  g {item.shortcutKey}
                </kbd>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
