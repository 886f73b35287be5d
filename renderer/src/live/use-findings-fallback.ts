// Live findings arrive on the live channel after every rules run. Until the first frame (and whenever
// frames stop), read them from the API instead, so the overview never waits a whole rules interval.
import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { FindingsResponse } from '../../../common/api-contract.ts';
import { onRetryRequested, request } from '../api/index.ts';

const POLL_MS = 5000;
/** Without a findings frame for this long, polling fills in. */
const SILENT_MS = 12_000;

export function useFindingsFallback(lastFrameAt: RefObject<number>, onFindings: (answer: FindingsResponse) => void): void {
  useEffect(() => {
    const controller = new AbortController();
    let inFlight = false;
    const tick = (force: boolean): void => {
      if (inFlight || (!force && Date.now() - lastFrameAt.current < SILENT_MS)) return;
      inFlight = true;
      const askedAt = Date.now();
      request('findings', { source: 'live' }, { signal: controller.signal })
        .then((answer) => {
          // A frame that arrived while this was in flight is newer.
          if (!controller.signal.aborted && lastFrameAt.current < askedAt) onFindings(answer);
        })
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
        });
    };
    tick(true);
    const timer = setInterval(() => tick(false), POLL_MS);
    const stopRetry = onRetryRequested(() => tick(true));
    return () => {
      controller.abort();
      clearInterval(timer);
      stopRetry();
    };
  }, [lastFrameAt, onFindings]);
}
