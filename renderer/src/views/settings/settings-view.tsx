// Settings: what the server is running with and the `chokepoint serve` flag that changes each value
// (the server reads its settings from the command line only), the rules' thresholds, and the theme.
import { useCallback, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import type { InfoResponse } from '../../../../common/api-contract.ts';
import { getPreloadBridge, request } from '../../api/index.ts';
import type { ApiRequestError } from '../../api/index.ts';
import { CopyButton } from '../../components/copy-button.tsx';
import { Panel } from '../../components/panel.tsx';
import { ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { usePoll } from '../../hooks/use-poll.ts';
import { useTheme } from '../../hooks/use-theme.ts';
import type { Theme } from '../../hooks/use-theme.ts';
import { RulesPanel } from './rules-panel.tsx';
import { settingsSections } from './settings-facts.ts';
import type { SettingFact, SettingsSections } from './settings-facts.ts';
import '../techniques/techniques.css';
import './settings.css';

const INFO_POLL_MS = 30_000;

/** Where this console is served from; null inside the desktop app, which talks over IPC. */
function consoleAddress(): string | null {
  if (getPreloadBridge() !== null) return null;
  return window.location.protocol === 'http:' || window.location.protocol === 'https:' ? window.location.origin : null;
}

function FactValue({ fact }: { fact: SettingFact }) {
  const codeRef = useRef<HTMLElement>(null);
  return (
    <div className="settings__value">
      {fact.state !== undefined && (
        <span className={`badge ${fact.state === 'on' ? 'badge--ok' : 'badge--unset'}`}>{fact.state === 'on' ? 'On' : 'Off'}</span>
      )}
      {fact.copyable === true ? (
        <>
          <code ref={codeRef}>{fact.value}</code>
          <CopyButton text={fact.value} label={`Copy ${fact.term}`} fallbackTarget={codeRef} compact />
        </>
      ) : (
        fact.state === undefined || fact.value !== fact.state ? <span className="num">{fact.value}</span> : null
      )}
    </div>
  );
}

function FactList({ facts }: { facts: SettingFact[] }) {
  return (
    <dl className="settings__facts">
      {facts.map((fact) => (
        <div key={fact.term} className="settings__fact">
          <dt>{fact.term}</dt>
          <dd>
            <FactValue fact={fact} />
            <div className="settings__change">
              {fact.flag !== undefined && (
                <>
                  <code>{fact.flag}</code>{' '}
                </>
              )}
              {fact.hint}
            </div>
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface InfoPanelProps {
  title: string;
  subtitle?: string;
  sections: SettingsSections | undefined;
  error: ApiRequestError | null;
  onRetry: () => void;
  pick: (sections: SettingsSections) => SettingFact[];
  children?: ReactNode;
}

/** A panel of facts from `info`, with the shared loading and error states. */
function InfoPanel({ title, subtitle, sections, error, onRetry, pick, children }: InfoPanelProps) {
  return (
    <Panel title={title} subtitle={subtitle}>
      {sections === undefined ? (
        error ? <ErrorMessage error={error} onRetry={onRetry} /> : <LoadingMessage />
      ) : (
        <>
          <FactList facts={pick(sections)} />
          {children}
        </>
      )}
    </Panel>
  );
}

const THEMES: { id: Theme; label: string }[] = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

function ThemeChoice() {
  const { theme, toggle } = useTheme();
  const name = useId();
  return (
    <Panel title="Appearance">
      <fieldset className="settings-theme">
        <legend>Theme</legend>
        <div className="settings-theme__options">
          {THEMES.map((option) => (
            <label key={option.id} className={`settings-theme__option${theme === option.id ? ' settings-theme__option--active' : ''}`}>
              <input
                type="radio"
                name={name}
                value={option.id}
                checked={theme === option.id}
                onChange={() => {
                  if (theme !== option.id) toggle();
                }}
              />
              {option.label}
            </label>
          ))}
        </div>
        <p className="settings__note">Follows your system until you pick one. The choice is kept in this browser.</p>
      </fieldset>
    </Panel>
  );
}

export function SettingsView() {
  const info = usePoll(useCallback((signal: AbortSignal) => request('info', {}, { signal }), []), INFO_POLL_MS);
  const rules = usePoll(useCallback((signal: AbortSignal) => request('rules', {}, { signal }), []), 0);
  const data: InfoResponse | undefined = info.data;
  const sections = data === undefined ? undefined : settingsSections(data, consoleAddress());
  const desktop = getPreloadBridge() !== null;
  const shared = { sections, error: info.error, onRetry: info.refresh };

  return (
    <div className="view settings">
      <div className="view-header">
        <h1>Settings</h1>
        <div className="view-header__meta num">{data && <span>Chokepoint v{data.version}</span>}</div>
      </div>

      <p className="settings__lead muted">
        The server takes its settings from the command line. Each value below shows the flag of{' '}
        <code>chokepoint serve</code> that changes it; restart the server to apply a change.
        {desktop && ' The desktop app starts with the defaults; the flags apply when you run the server yourself.'}
      </p>

      <div className="settings__grid">
        <InfoPanel title="Receivers" subtitle="OTLP in, console out" pick={(s) => s.receivers} {...shared}>
          <p className="settings__note">
            They listen on 127.0.0.1, so only this machine can reach them, unless <code>--host &lt;address&gt;</code> says
            otherwise.
          </p>
        </InfoPanel>
        <InfoPanel title="Forwarding" subtitle="pass data on upstream" pick={(s) => s.forwarding} {...shared} />
        <InfoPanel title="Host sampling" pick={(s) => s.hostSampling} {...shared} />
        <InfoPanel title="Storage and retention" pick={(s) => s.storage} {...shared}>
          <p className="settings__note">The oldest data is deleted once either limit is passed.</p>
        </InfoPanel>
      </div>

      <RulesPanel rules={rules.data} error={rules.error} onRetry={rules.refresh} intervalMs={data?.rulesIntervalMs} />

      <ThemeChoice />
    </div>
  );
}
