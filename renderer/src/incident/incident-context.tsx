// The incident open in the console (if any) and its playhead, for the whole app. GET /api/incident is polled
// (briskly while it loads, slowly after); opening and closing answer at once without waiting for the poll.
import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiInput, IncidentState } from '../../../common/api-contract.ts';
import { request, toApiRequestError, uploadIncidentFile } from '../api/index.ts';
import type { ApiRequestError } from '../api/index.ts';
import { usePoll } from '../hooks/use-poll.ts';
import { incidentKey } from './incident-findings.ts';
import { nanosToMillisOrNull } from './incident-time.ts';
import { createPlayheadStore } from './playhead-store.ts';
import type { PlayheadStore } from './playhead-store.ts';

export interface IncidentContextValue {
  /** The open incident; null when the console shows live data; undefined before the first answer. */
  incident: IncidentState | null | undefined;
  /** An open or close in progress. */
  busy: boolean;
  /** Why the last open or close failed. */
  actionError: ApiRequestError | null;
  open: (input: ApiInput<'openIncident'>) => Promise<void>;
  /** Opens a file the user dropped on the console. */
  upload: (file: File) => Promise<void>;
  /** Re-runs the rules over the open incident with these threshold overrides (a backtest). */
  rerun: (overrides: Record<string, number>) => Promise<void>;
  close: () => Promise<void>;
  playhead: PlayheadStore;
}

const LOADING_POLL_MS = 750;
const IDLE_POLL_MS = 5000;
const READY_POLL_MS = 10_000;
/** The demo plays by itself at this speed, so a newcomer watches the findings appear. */
const DEMO_SPEED = 10;
const OVERRIDE_MAX_MS = 3000;

/** Which file is open (not how far it has loaded): enough to tell whether a poll agrees with an action. */
function sameOpen(a: IncidentState | null | undefined, b: IncidentState | null): boolean {
  return (a ? `${a.file}|${a.demo}` : null) === (b ? `${b.file}|${b.demo}` : null);
}

/**
 * Whether polling has caught up with an open or close: an answer after it that agrees, or any answer well
 * after it (one already in flight when the action ran may still say the old thing).
 */
function pollCaughtUp(
  override: { value: IncidentState | null; at: number },
  data: IncidentState | null | undefined,
  updatedAt: number | null,
): boolean {
  if (updatedAt === null || updatedAt <= override.at) return false;
  return sameOpen(data, override.value) || updatedAt > override.at + OVERRIDE_MAX_MS;
}

const IncidentContext = createContext<IncidentContextValue | null>(null);

export function IncidentProvider({ children }: { children: ReactNode }) {
  const [playhead] = useState(createPlayheadStore);
  // The answer of an open or close, shown until the next poll answers after it.
  const [override, setOverride] = useState<{ value: IncidentState | null; at: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiRequestError | null>(null);
  const [pollMs, setPollMs] = useState(IDLE_POLL_MS);
  const poll = usePoll(useCallback((signal: AbortSignal) => request('incident', {}, { signal }), []), pollMs);

  const incident = override !== null && !pollCaughtUp(override, poll.data, poll.updatedAt) ? override.value : poll.data;
  const status = incident?.status;

  useLayoutEffect(() => {
    setPollMs(status === 'loading' ? LOADING_POLL_MS : status === undefined ? IDLE_POLL_MS : READY_POLL_MS);
  }, [status]);

  // A newly opened incident puts the playhead at its start (the demo plays by itself); none clears it.
  const key = incident ? incidentKey(incident) : null;
  const fromMs = nanosToMillisOrNull(incident?.fromUnixNano);
  const toMs = nanosToMillisOrNull(incident?.toUnixNano);
  const demo = incident?.demo === true;
  useLayoutEffect(() => {
    if (key !== null && status === 'ready' && fromMs !== null && toMs !== null) {
      playhead.load(key, fromMs, toMs, { autoplay: demo, speed: demo ? DEMO_SPEED : 1 });
    } else if (incident === null || status === 'failed') {
      playhead.clear();
    }
  }, [playhead, key, status, fromMs, toMs, demo, incident]);

  const { refresh } = poll;
  const act = useCallback(
    async (action: () => Promise<IncidentState | null>): Promise<void> => {
      setBusy(true);
      setActionError(null);
      try {
        const value = await action();
        setOverride({ value, at: Date.now() });
        refresh();
      } catch (error) {
        setActionError(toApiRequestError(error));
      } finally {
        setBusy(false);
      }
    },
    [refresh],
  );
  const open = useCallback((input: ApiInput<'openIncident'>) => act(() => request('openIncident', input)), [act]);
  const upload = useCallback((file: File) => act(() => uploadIncidentFile(file)), [act]);
  const rerun = useCallback((overrides: Record<string, number>) => act(() => request('rerunIncident', { overrides })), [act]);
  const close = useCallback(() => act(() => request('closeIncident', {})), [act]);

  const value = useMemo<IncidentContextValue>(
    () => ({ incident, busy, actionError, open, upload, rerun, close, playhead }),
    [incident, busy, actionError, open, upload, rerun, close, playhead],
  );
  return <IncidentContext.Provider value={value}>{children}</IncidentContext.Provider>;
}

export function useIncident(): IncidentContextValue {
  const value = useContext(IncidentContext);
  if (!value) throw new Error('useIncident must be used inside <IncidentProvider>.');
  return value;
}
