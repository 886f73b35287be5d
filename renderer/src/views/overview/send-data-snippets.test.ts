import { describe, expect, it } from 'vitest';
import { DEFAULT_OTLP_HTTP, buildSnippets } from './send-data-snippets.ts';

describe('buildSnippets', () => {
  it('puts the reported endpoint into every snippet', () => {
    const snippets = buildSnippets('http://127.0.0.1:14318/');
    expect(snippets.env).toContain('OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:14318\n');
    expect(snippets.env).toContain('OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf');
    expect(snippets.nodeSdk).toContain("url: 'http://127.0.0.1:14318/v1/traces'");
    expect(snippets.nodeSdk).toContain("url: 'http://127.0.0.1:14318/v1/metrics'");
    expect(snippets.collector).toContain('otlphttp/chokepoint:\n    endpoint: http://127.0.0.1:14318\n');
  });

  it('falls back to the default endpoint when the receiver reports none', () => {
    expect(buildSnippets('').env).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${DEFAULT_OTLP_HTTP}`);
  });
});
