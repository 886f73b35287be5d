// The empty state: where Chokepoint listens and copy-paste setups for an SDK or a Collector.
import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { InfoResponse, ReceiverInfo } from '../../../../common/api-contract.ts';
import { CodeBlock } from '../../components/code-block.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { Panel } from '../../components/panel.tsx';
import { buildSnippets } from './send-data-snippets.ts';

type TabKey = 'env' | 'node' | 'collector';
const TABS: { key: TabKey; label: string }[] = [
  { key: 'env', label: 'Environment variables' },
  { key: 'node', label: 'Node.js SDK' },
  { key: 'collector', label: 'OpenTelemetry Collector' },
];

interface EndpointRowProps {
  name: string;
  receiver: ReceiverInfo | undefined;
  hint: string;
  /** `info` failed, so the endpoint is unknown rather than loading. */
  unknown: boolean;
}

function EndpointRow({ name, receiver, hint, unknown }: EndpointRowProps) {
  const valueRef = useRef<HTMLElement>(null);
  const on = receiver?.listening === true && receiver.endpoint !== '';
  return (
    <div className="endpoint-row">
      <dt className="endpoint-row__name">{name}</dt>
      <dd className="endpoint-row__value">
        {receiver === undefined ? (
          unknown ? (
            <span className="muted">unknown</span>
          ) : (
            <span className="skeleton" style={{ width: '22ch' }} />
          )
        ) : on ? (
          <code ref={valueRef}>{receiver.endpoint}</code>
        ) : (
          <span className="muted">off</span>
        )}
        <span className="endpoint-row__hint faint">{hint}</span>
      </dd>
      <dd className="endpoint-row__actions">
        {receiver !== undefined && (
          <span className={`badge ${on ? 'badge--ok' : 'badge--unset'}`}>{on ? 'Listening' : 'Not listening'}</span>
        )}
        {on && <CopyButton text={receiver.endpoint} label={`Copy ${name} endpoint`} fallbackTarget={valueRef} />}
      </dd>
    </div>
  );
}

export function SendDataGuide({ info, infoFailed }: { info: InfoResponse | undefined; infoFailed: boolean }) {
  const [tab, setTab] = useState<TabKey>('env');
  const baseId = useId();
  const tabRefs = useRef<Partial<Record<TabKey, HTMLButtonElement | null>>>({});
  const httpEndpoint = info?.otlpHttp.listening ? info.otlpHttp.endpoint : '';
  const snippets = buildSnippets(httpEndpoint);

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const index = TABS.findIndex((candidate) => candidate.key === tab);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    else return;
    event.preventDefault();
    const key = TABS[next]?.key ?? 'env';
    setTab(key);
    tabRefs.current[key]?.focus();
  };

  return (
    <Panel title="Send your first telemetry" subtitle="No app data yet" className="send-data-guide">
      <p className="send-data-guide__intro">
        Chokepoint is listening for OpenTelemetry traces, metrics and logs. Point an SDK or a Collector at it and data
        shows up here within seconds.
      </p>
      <dl className="endpoint-list">
        <EndpointRow name="OTLP/HTTP" receiver={info?.otlpHttp} unknown={infoFailed} hint="/v1/traces · /v1/metrics · /v1/logs" />
        <EndpointRow name="OTLP/gRPC" receiver={info?.otlpGrpc} unknown={infoFailed} hint="traces · metrics · logs" />
      </dl>

      <div className="tabs" role="tablist" aria-label="Setup">
        {TABS.map(({ key, label }) => (
          <button
            key={key}
            ref={(element) => {
              tabRefs.current[key] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`${baseId}-panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(key)}
            onKeyDown={onTabKeyDown}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        className="tabs__panel"
        role="tabpanel"
        id={`${baseId}-panel-${tab}`}
        aria-labelledby={`${baseId}-tab-${tab}`}
      >
        {tab === 'env' && (
          <>
            <p className="muted">
              Any OpenTelemetry SDK with OTLP export enabled reads these. Set them before starting your service.
            </p>
            <CodeBlock label="Shell environment" language="sh" code={snippets.env} />
          </>
        )}
        {tab === 'node' && (
          <>
            <CodeBlock label="Install" language="sh" code={snippets.nodeInstall} />
            <CodeBlock label="otel.mjs" language="js" code={snippets.nodeSdk} />
          </>
        )}
        {tab === 'collector' && (
          <>
            <p className="muted">
              Already running a Collector? Add an <code>otlphttp</code> exporter and list it in each pipeline next to
              your existing receivers and processors.
            </p>
            <CodeBlock label="collector.yaml" language="yaml" code={snippets.collector} />
          </>
        )}
      </div>
    </Panel>
  );
}
