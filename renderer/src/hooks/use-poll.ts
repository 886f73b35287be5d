// Polls a loader on an interval: keeps the last good data through errors, never overlaps
// requests, pauses while the tab is hidden and answers "Retry now" at once.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { onRetryRequested, toApiRequestError } from '../api/index.ts';
import type { ApiRequestError } from '../api/index.ts';

export interface PollState<T> {
  data: T | undefined;
  error: ApiRequestError | null;
  /** True until the first answer (data or error) for the current key. */
  loading: boolean;
  /** Unix ms of the last successful load. */
  updatedAt: number | null;
  refresh: () => void;
}

const UNREACHABLE_RETRY_MS = 3000;

interface Snapshot<T> {
  key: string;
  data: T | undefined;
  error: ApiRequestError | null;
  loading: boolean;
  updatedAt: number | null;
}

/**
 * @param load   fetches once; receives an AbortSignal that fires on unmount or key change
 * @param intervalMs  delay between the end of one load and the start of the next (0 = load once)
 * @param key    a change resets the data and reloads at once (e.g. the trace id)
 */
export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, intervalMs: number, key = ''): PollState<T> {
  const [snapshot, setSnapshot] = useState<Snapshot<T>>({
    key,
    data: undefined,
    error: null,
    loading: true,
    updatedAt: null,
  });
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const kickRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight = false;
    let again = false;
    let lastFailedUnreachable = false;

    const schedule = (): void => {
      // One-shot loads (interval 0) still retry while the API is unreachable.
      const delay = intervalMs > 0 ? intervalMs : lastFailedUnreachable ? UNREACHABLE_RETRY_MS : 0;
      if (controller.signal.aborted || delay <= 0) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(run, delay);
    };

    const run = (): void => {
      // Called by the timer, by "Retry now" or by refresh: in every case the pending timer is void.
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (controller.signal.aborted) return;
      if (inFlight) {
        again = true;
        return;
      }
      if (document.hidden && (intervalMs > 0 || lastFailedUnreachable)) return; // resumed by visibilitychange
      inFlight = true;
      loadRef.current(controller.signal).then(
        (data) => {
          lastFailedUnreachable = false;
          if (controller.signal.aborted) return;
          setSnapshot({ key, data, error: null, loading: false, updatedAt: Date.now() });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const typed = toApiRequestError(error);
          lastFailedUnreachable = typed.unreachable;
          setSnapshot((previous) => ({
            key,
            data: previous.key === key ? previous.data : undefined,
            error: typed,
            loading: false,
            updatedAt: previous.key === key ? previous.updatedAt : null,
          }));
        },
      ).finally(() => {
        inFlight = false;
        if (controller.signal.aborted) return;
        if (again) {
          again = false;
          run();
        } else {
          schedule();
        }
      });
    };

    const onVisibility = (): void => {
      if (document.hidden || timer !== null || inFlight) return;
      if (intervalMs > 0 || lastFailedUnreachable) run();
    };

    kickRef.current = run;
    setSnapshot((previous) =>
      previous.key === key ? previous : { key, data: undefined, error: null, loading: true, updatedAt: null },
    );
    run();
    document.addEventListener('visibilitychange', onVisibility);
    const stopRetry = onRetryRequested(run);
    return () => {
      controller.abort();
      if (timer !== null) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      stopRetry();
      kickRef.current = () => undefined;
    };
  }, [key, intervalMs]);

  const refresh = useCallback(() => kickRef.current(), []);
  const current = snapshot.key === key;
  return {
    data: current ? snapshot.data : undefined,
    error: current ? snapshot.error : null,
    loading: current ? snapshot.loading : true,
    updatedAt: current ? snapshot.updatedAt : null,
    refresh,
  };
}
