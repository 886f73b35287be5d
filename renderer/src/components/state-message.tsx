// The one place loading, empty and error states look alike across panels and views.
import type { ReactNode } from 'react';
import { describeError } from '../api/index.ts';
import type { ApiRequestError } from '../api/index.ts';

export function LoadingMessage({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state-message" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span className="muted">{label}</span>
    </div>
  );
}

export function EmptyMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state-message state-message--empty">
      <strong>{title}</strong>
      {children !== undefined && <div className="muted">{children}</div>}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: ApiRequestError; onRetry?: () => void }) {
  return (
    <div className="state-message state-message--error" role="alert">
      <strong>{error.unreachable ? 'No answer from the API' : 'Could not load this'}</strong>
      <span className="muted">
        {describeError(error)}
        {error.code !== 'UNREACHABLE' && <code className="state-message__code"> {error.code}</code>}
      </span>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
