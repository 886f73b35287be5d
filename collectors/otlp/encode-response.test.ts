import { describe, it, expect } from 'vitest';
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { encodeExportResponse } from './encode-response.ts';

// The real OpenTelemetry exporters' response decoders read what we send.
describe('encodeExportResponse', () => {
  it('sends an empty message for a full success', () => {
    expect(encodeExportResponse('traces', 'protobuf', 0, '')).toEqual(new Uint8Array(0));
    expect(new TextDecoder().decode(encodeExportResponse('logs', 'json', 0, ''))).toBe('{}');
    expect(ProtobufTraceSerializer.deserializeResponse(encodeExportResponse('traces', 'protobuf', 0, ''))).toEqual({});
  });

  it('encodes partial success in protobuf as the exporters decode it', () => {
    expect(ProtobufTraceSerializer.deserializeResponse(encodeExportResponse('traces', 'protobuf', 3, '3 spans rejected'))).toEqual({
      partialSuccess: { rejectedSpans: 3, errorMessage: '3 spans rejected' },
    });
    expect(ProtobufMetricsSerializer.deserializeResponse(encodeExportResponse('metrics', 'protobuf', 300, 'x'))).toEqual({
      partialSuccess: { rejectedDataPoints: 300, errorMessage: 'x' },
    });
    expect(ProtobufLogsSerializer.deserializeResponse(encodeExportResponse('logs', 'protobuf', 0, 'warning only'))).toEqual({
      partialSuccess: { errorMessage: 'warning only' },
    });
  });

  it('encodes partial success in JSON with int64 as a string', () => {
    const json = new TextDecoder().decode(encodeExportResponse('metrics', 'json', 2, 'two points'));
    expect(JSON.parse(json)).toEqual({ partialSuccess: { rejectedDataPoints: '2', errorMessage: 'two points' } });
    expect(JsonTraceSerializer.deserializeResponse(encodeExportResponse('traces', 'json', 1, 'one'))).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: 'one' },
    });
    expect(JsonLogsSerializer.deserializeResponse(encodeExportResponse('logs', 'json', 5, ''))).toEqual({ partialSuccess: { rejectedLogRecords: '5' } });
    expect(JsonMetricsSerializer.deserializeResponse(encodeExportResponse('metrics', 'json', 0, ''))).toEqual({});
  });

  it('refuses a negative or fractional count', () => {
    expect(() => encodeExportResponse('traces', 'protobuf', -1, '')).toThrow(RangeError);
    expect(() => encodeExportResponse('traces', 'json', 1.5, '')).toThrow(RangeError);
  });
});
