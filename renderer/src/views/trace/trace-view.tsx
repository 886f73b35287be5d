// One trace: summary, waterfall and — for the selected span — its details beside it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { request } from '../../api/index.ts';
import { CopyButton } from '../../components/copy-button.tsx';
import { Panel } from '../../components/panel.tsx';
import { seedServiceColors } from '../../components/service-color.ts';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { formatDuration } from '../../format/duration.ts';
import { formatTimestamp } from '../../format/relative-time.ts';
import { usePoll } from '../../hooks/use-poll.ts';
import { useDataScope } from '../../incident/use-data-scope.ts';
import type { DataSource } from '../../routing/route.ts';
import { Icon } from '../../shell/icon.tsx';
import { buildWaterfall } from './build-waterfall.ts';
import { criticalPath, nextErrorIndex } from './critical-path.ts';
import { SpanDetails } from './span-details.tsx';
import { Waterfall } from './waterfall.tsx';
import './trace.css';

/**
 * `source` from the link that led here; otherwise the console's (the open incident, or live). `spanId` is
 * selected on arrival (a finding's offending span).
 */
export function TraceView({ traceId, source, spanId }: { traceId: string; source?: DataSource; spanId?: string }) {
  const scope = useDataScope();
  const readFrom: DataSource = source ?? scope.source;
  const trace = usePoll(
    useCallback((signal: AbortSignal) => request('traceOutline', { traceId, source: readFrom }, { signal }), [traceId, readFrom]),
    0,
    `${traceId}|${readFrom === 'incident' ? scope.key : 'live'}`,
  );
  const [selectedSpanId, setSelectedSpanId] = useState<string | null>(spanId ?? null);
  const waterfall = useMemo(() => {
    const spans = trace.data ?? [];
    seedServiceColors(spans.map((span) => span.serviceName));
    return buildWaterfall(spans);
  }, [trace.data]);
  const selectedRow = waterfall.rows.find((row) => row.span.spanId === selectedSpanId) ?? null;
  const detail = usePoll(
    useCallback(
      (signal: AbortSignal) => (selectedSpanId === null ? Promise.resolve(undefined) : request('traceSpan', { traceId, spanId: selectedSpanId, source: readFrom }, { signal })),
      [traceId, selectedSpanId, readFrom],
    ),
    0,
    `${traceId}|${selectedSpanId ?? ''}|${readFrom === 'incident' ? scope.key : 'live'}`,
  );
  const [showCritical, setShowCritical] = useState(false);
  const critical = useMemo(() => (showCritical ? criticalPath(waterfall.rows) : null), [showCritical, waterfall]);
  const jumpToError = (backwards: boolean): void => {
    const from = selectedRow === null ? (backwards ? 0 : -1) : waterfall.rows.indexOf(selectedRow);
    const found = nextErrorIndex(waterfall.rows, from, backwards);
    if (found >= 0) setSelectedSpanId(waterfall.rows[found].span.spanId);
  };
  const root = waterfall.rows[0]?.span ?? null;

  useEffect(() => setSelectedSpanId(spanId ?? null), [traceId, spanId]);
  useEffect(() => {
    if (selectedSpanId === null) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setSelectedSpanId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selectedSpanId]);

  const notFound = trace.error?.code === 'NOT_FOUND';

  return (
    <div className="view trace-view">
      <div className="trace-view__header">
        <a
          className="button button--small button--ghost trace-view__back"
          href="#/traces"
          onClick={(event) => {
            // Back to wherever the trace was opened from (a finding, the list), when there is history.
            if (window.history.length > 1) {
              event.preventDefault();
              window.history.back();
            }
          }}
        >
          <Icon name="back" size={14} />
          Back
        </a>
        <div className="trace-view__title">
          <h1 title={root?.name}>{root ? root.name || '(unnamed)' : 'Trace'}</h1>
          <div className="trace-view__id">
            <code>{traceId}</code>
            <CopyButton text={traceId} label="Copy trace ID" />
          </div>
        </div>
        <button type="button" className="button button--small" onClick={trace.refresh}>
          <Icon name="refresh" size={14} />
          Reload
        </button>
      </div>

      {trace.data && trace.data.length > 0 && root && (
        <dl className="trace-summary">
          <div>
            <dt>Duration</dt>
            <dd className="num">{formatDuration(waterfall.durationNano)}</dd>
          </div>
          <div>
            <dt>Spans</dt>
            <dd className="num">{waterfall.rows.length}</dd>
          </div>
          <div>
            <dt>Services</dt>
            <dd className="num">{waterfall.serviceCount}</dd>
          </div>
          <div>
            <dt>Errors</dt>
            <dd className={`num${waterfall.errorCount > 0 ? ' text-error' : ''}`}>{waterfall.errorCount}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd className="num">{formatTimestamp(Number(waterfall.startNano / 1_000_000n))}</dd>
          </div>
          <div>
            <dt>Root service</dt>
            <dd>{root.serviceName}</dd>
          </div>
        </dl>
      )}

      <div className={`trace-view__body${selectedRow ? ' trace-view__body--with-details' : ''}`}>
        <Panel
          title="Waterfall"
          subtitle={waterfall.rows.length > 0 && !selectedRow ? 'Select a span for its attributes and events' : undefined}
          padded={false}
          actions={
            waterfall.rows.length > 0 && (
              <div className="trace-view__tools">
                {waterfall.errorCount > 0 && (
                  <>
                    <button type="button" className="button button--small" onClick={() => jumpToError(true)} title="Previous failed span (Shift+E in the waterfall)">
                      Previous error
                    </button>
                    <button type="button" className="button button--small" onClick={() => jumpToError(false)} title="Next failed span (E in the waterfall)">
                      Next error
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="button button--small"
                  aria-pressed={showCritical}
                  onClick={() => setShowCritical((shown) => !shown)}
                  title="Highlight the spans the request waited for; shortening any other span would not have made it faster"
                >
                  Critical path{critical !== null ? ` · ${critical.size} spans` : ''}
                </button>
              </div>
            )
          }
        >
          {trace.data === undefined ? (
            notFound ? (
              <EmptyMessage title="Trace not found">
                {readFrom === 'incident'
                  ? 'The open incident has no spans with this trace ID.'
                  : 'No spans with this trace ID are stored. It may have been pruned by retention, or its spans have not arrived yet.'}{' '}
                <a href="#/traces">Back to recent traces</a>
              </EmptyMessage>
            ) : trace.error ? (
              <ErrorMessage error={trace.error} onRetry={trace.refresh} />
            ) : (
              <LoadingMessage label="Loading trace…" />
            )
          ) : waterfall.rows.length === 0 ? (
            <EmptyMessage title="This trace has no spans" />
          ) : (
            <Waterfall waterfall={waterfall} selectedSpanId={selectedSpanId} onSelect={setSelectedSpanId} criticalPath={critical} />
          )}
        </Panel>
        {selectedRow && (
          <SpanDetails
            span={selectedRow.span}
            detail={detail.data}
            detailError={detail.error}
            onRetry={detail.refresh}
            offsetNano={selectedRow.offsetNano}
            onClose={() => setSelectedSpanId(null)}
          />
        )}
      </div>
    </div>
  );
}
