// Copy-paste setups for sending telemetry to this Chokepoint, built from the receiver endpoints
// the `info` route reports.

export interface Snippets {
  env: string;
  nodeInstall: string;
  nodeSdk: string;
  collector: string;
}

/** Used until `info` answers, and when a receiver is off. */
export const DEFAULT_OTLP_HTTP = 'http://127.0.0.1:4318';
export const DEFAULT_OTLP_GRPC = 'http://127.0.0.1:4317';

export function buildSnippets(otlpHttpEndpoint: string): Snippets {
  const http = (otlpHttpEndpoint || DEFAULT_OTLP_HTTP).replace(/\/+$/, '');
  return {
    env: [
      `export OTEL_EXPORTER_OTLP_ENDPOINT=${http}`,
      'export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf',
      'export OTEL_SERVICE_NAME=my-service',
    ].join('\n'),
    nodeInstall: [
      'npm install @opentelemetry/sdk-node @opentelemetry/auto-instrumentations-node \\',
      '  @opentelemetry/exporter-trace-otlp-proto @opentelemetry/exporter-metrics-otlp-proto \\',
      '  @opentelemetry/sdk-metrics',
    ].join('\n'),
    nodeSdk: `// otel.mjs — start your app with: node --import ./otel.mjs app.js
// (ES-module apps: add --experimental-loader=@opentelemetry/instrumentation/hook.mjs)
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

const sdk = new NodeSDK({
  serviceName: 'my-service',
  traceExporter: new OTLPTraceExporter({ url: '${http}/v1/traces' }),
  metricReaders: [
    new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: '${http}/v1/metrics' }),
      exportIntervalMillis: 5000,
    }),
  ],
  instrumentations: [getNodeAutoInstrumentations()],
});
sdk.start();
process.on('SIGTERM', () => void sdk.shutdown());`,
    collector: `# Add to your OpenTelemetry Collector config
exporters:
  otlphttp/chokepoint:
    endpoint: ${http}

service:
  pipelines:
    traces:
      exporters: [otlphttp/chokepoint]
    metrics:
      exporters: [otlphttp/chokepoint]
    logs:
      exporters: [otlphttp/chokepoint]`,
  };
}
