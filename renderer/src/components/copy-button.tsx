// Copies text; where the Clipboard API is missing (plain-HTTP origins), selects `fallbackTarget`
// so Ctrl+C works, and says so.
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { Icon } from '../shell/icon.tsx';

type CopyState = 'idle' | 'copied' | 'select';

function selectContents(element: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

export interface CopyButtonProps {
  text: string;
  /** Accessible name, e.g. "Copy trace ID". */
  label: string;
  /** Selected for manual copying when the Clipboard API is unavailable. */
  fallbackTarget?: RefObject<HTMLElement | null>;
  /** Icon only; the caption is still announced to screen readers. */
  compact?: boolean;
  /** The idle caption (default "Copy"). */
  caption?: string;
  /** Called before `fallbackTarget` is selected, e.g. to reveal it. */
  onFallback?: () => void;
}

export function CopyButton({ text, label, fallbackTarget, compact = false, caption: idleCaption = 'Copy', onFallback }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      onFallback?.();
      if (fallbackTarget?.current) selectContents(fallbackTarget.current);
      setState('select');
    }
  };

  const caption = state === 'copied' ? 'Copied' : state === 'select' ? 'Press Ctrl+C' : idleCaption;
  return (
    <button
      type="button"
      className={compact ? 'icon-button copy-button--compact' : 'button button--small button--ghost copy-button'}
      onClick={() => void copy()}
      aria-label={state === 'idle' ? label : `${label}: ${caption}`}
      title={compact ? (state === 'idle' ? label : caption) : undefined}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      <span className={compact ? 'visually-hidden' : 'copy-button__caption'} aria-live="polite">
        {caption}
      </span>
    </button>
  );
}
