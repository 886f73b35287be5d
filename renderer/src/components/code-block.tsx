import { useRef } from 'react';
import { CopyButton } from './copy-button.tsx';

export function CodeBlock({ code, label, language }: { code: string; label: string; language?: string }) {
  const preRef = useRef<HTMLPreElement>(null);
  return (
    <figure className="code-block">
      <figcaption className="code-block__bar">
        <span className="code-block__label">{label}</span>
        {language && <span className="code-block__language">{language}</span>}
        <CopyButton text={code} label={`Copy ${label}`} fallbackTarget={preRef} />
      </figcaption>
      <pre ref={preRef} className="code-block__code" tabIndex={0} aria-label={label}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
