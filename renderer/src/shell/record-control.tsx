// Record from the console: start notes the time; stop writes everything received since then to an incident
// file in the data folder and offers it for download.
import { useCallback, useEffect, useState } from 'react';
import { RECORDINGS_PATH } from '../../../common/api-paths.ts';
import type { RecordingFile, RecordingState } from '../../../common/api-contract.ts';
import { describeError, request, toApiRequestError } from '../api/index.ts';

function elapsed(startedAtUnixNano: string, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((nowMs - Number(BigInt(startedAtUnixNano) / 1_000_000n)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function RecordControl() {
  const [state, setState] = useState<RecordingState | null>(null);
  const [saved, setSaved] = useState<RecordingFile | null>(null);
  const [error, setError] = useState('');
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    request('recording', {}).then(setState, () => setState(null));
  }, []);
  useEffect(() => {
    if (state?.recording !== true) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state?.recording]);

  const run = useCallback(async (action: () => Promise<void>) => {
    setError('');
    try {
      await action();
    } catch (failure) {
      setError(describeError(toApiRequestError(failure)));
    }
  }, []);

  if (state === null) return null;
  if (state.recording && state.startedAtUnixNano !== null) {
    return (
      <span className="record-control record-control--on">
        <span className="record-control__dot" aria-hidden="true" />
        Recording {elapsed(state.startedAtUnixNano, now)}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            void run(async () => {
              setSaved(await request('stopRecording', {}));
              setState(await request('recording', {}));
            })
          }
        >
          Stop
        </button>
      </span>
    );
  }
  return (
    <span className="record-control">
      {saved !== null && (
        <a className="record-control__saved" href={`${RECORDINGS_PATH}${encodeURIComponent(saved.name)}`} download={saved.name} title="Download the recorded incident">
          Saved {saved.counts?.spans ?? 0} spans · download
        </a>
      )}
      {error !== '' && <span className="record-control__error" role="alert">{error}</span>}
      <button
        type="button"
        className="button button--small button--ghost"
        title="Record what arrives from now on into an incident file"
        onClick={() =>
          void run(async () => {
            setSaved(null);
            setState(await request('startRecording', { title: '' }));
          })
        }
      >
        ● Record
      </button>
    </span>
  );
}
