// The trace as a waterfall: one row per span in tree order, indented by depth, its bar placed by
// start and duration on the trace's time axis. Errors are red. Arrow keys move the selection.
// Only the rows in view (plus a margin) are in the DOM, so a 10,000-span trace opens and scrolls as fast as a
// small one; the list scrolls inside its own box under a sticky time axis.
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { serviceColorStyle } from '../../components/service-color.ts';
import { formatDuration } from '../../format/duration.ts';
import { timeTicks } from './build-waterfall.ts';
import { nextErrorIndex } from './critical-path.ts';
import type { Waterfall as WaterfallModel } from './build-waterfall.ts';
import './waterfall.css';

export interface WaterfallProps {
  waterfall: WaterfallModel;
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
  /** Spans on the critical path, highlighted (the rest dimmed); null when not shown. */
  criticalPath: ReadonlySet<string> | null;
}

const INDENT_PX = 14;
/** Must match .waterfall__row's height in waterfall.css. */
const ROW_PX = 26;

export function Waterfall({ waterfall, selectedSpanId, onSelect, criticalPath }: WaterfallProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: waterfall.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const ticks = timeTicks(waterfall.durationNano, 8);
  const total = waterfall.durationNano;
  const tickPercent = (tick: bigint): number => (total > 0n ? Number((tick * 10_000n) / total) / 100 : 0);
  const selectedIndex = waterfall.rows.findIndex((row) => row.span.spanId === selectedSpanId);
  const focusIndex = selectedIndex >= 0 ? selectedIndex : 0;

  // A span selected from outside (a finding's offending span in the URL, the error buttons): bring it into view.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [virtualizer, selectedIndex]);

  const moveTo = (index: number): void => {
    const row = waterfall.rows[index];
    if (!row) return;
    onSelect(row.span.spanId);
    virtualizer.scrollToIndex(index);
    // The row may only exist after the scroll has rendered it.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number): void => {
    const keys: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: waterfall.rows.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    const target = keys[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(Math.min(Math.max(target, 0), waterfall.rows.length - 1));
    } else if (event.key === 'e' || event.key === 'E') {
      // e / Shift+E: the next / previous failed span.
      event.preventDefault();
      const found = nextErrorIndex(waterfall.rows, index, event.key === 'E');
      if (found >= 0) moveTo(found);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(waterfall.rows[index]?.span.spanId ?? '');
    }
  };

  return (
    <div className="waterfall" ref={scrollRef}>
      <div className="waterfall__head" aria-hidden="true">
        <div className="waterfall__name-col">Span</div>
        <div className="waterfall__axis">
          {ticks.map((tick) => (
            <span
              key={tick.toString()}
              className="waterfall__tick"
              style={{ left: `${tickPercent(tick)}%` }}
              data-edge={tickPercent(tick) > 92 ? 'end' : undefined}
            >
              {tick === 0n ? '0' : formatDuration(tick)}
            </span>
          ))}
        </div>
      </div>
      <div className="waterfall__body" style={{ height: virtualizer.getTotalSize() }}>
        <div className="waterfall__grid" aria-hidden="true">
          <div className="waterfall__grid-lines">
            {ticks.map((tick) => (
              <span key={tick.toString()} className="waterfall__gridline" style={{ left: `${tickPercent(tick)}%` }} />
            ))}
          </div>
        </div>
        <div className="waterfall__rows" role="listbox" aria-label="Spans of this trace" ref={listRef}>
          {virtualizer.getVirtualItems().map((item) => {
            const index = item.index;
            const row = waterfall.rows[index];
            const { span } = row;
            const selected = span.spanId === selectedSpanId;
            const error = span.statusCode === 'error';
            const end = row.offset + row.width;
            // Duration label: after the bar if there is room, else before it, else inside it.
            const placement = end < 0.8 ? 'after' : row.offset > 0.2 ? 'before' : 'inside';
            return (
              <div
                key={span.spanId}
                role="option"
                aria-selected={selected}
                aria-setsize={waterfall.rows.length}
                aria-posinset={index + 1}
                tabIndex={index === focusIndex ? 0 : -1}
                data-index={index}
                className={`waterfall__row${selected ? ' waterfall__row--selected' : ''}${error ? ' waterfall__row--error' : ''}${
                  criticalPath === null ? '' : criticalPath.has(span.spanId) ? ' waterfall__row--critical' : ' waterfall__row--off-path'
                }`}
                onClick={() => onSelect(span.spanId)}
                onKeyDown={(event) => onKeyDown(event, index)}
                style={{ ...serviceColorStyle(span.serviceName), transform: `translateY(${item.start}px)` }}
              >
                <div className="waterfall__name-col waterfall__name" style={{ paddingLeft: 8 + row.depth * INDENT_PX }}>
                  {row.depth > 0 && <span className="waterfall__elbow" aria-hidden="true" />}
                  <span className="waterfall__service-swatch" aria-hidden="true" />
                  <span className="waterfall__service">{span.serviceName}</span>
                  <span className="waterfall__op" title={span.name}>
                    {span.name || '(unnamed)'}
                  </span>
                  {error && <span className="visually-hidden">, error</span>}
                  {criticalPath?.has(span.spanId) === true && <span className="visually-hidden">, on the critical path</span>}
                  {row.orphan && (
                    <span className="waterfall__orphan" title="Its parent span is not in this trace (yet)">
                      orphan
                    </span>
                  )}
                </div>
                <div className="waterfall__track">
                  <span
                    className="waterfall__bar"
                    style={{ left: `${row.offset * 100}%`, width: `${row.width * 100}%` }}
                  />
                  <span
                    className={`waterfall__duration waterfall__duration--${placement} num`}
                    style={
                      placement === 'after'
                        ? { left: `calc(${end * 100}% + 6px)` }
                        : placement === 'before'
                          ? { right: `calc(${(1 - row.offset) * 100}% + 6px)` }
                          : { right: `calc(${(1 - end) * 100}% + 6px)` }
                    }
                  >
                    {formatDuration(span.durationNano)}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
