export { readTelemetryFile, documentEvents } from './read-telemetry-file.ts';
export type { TelemetryFileEvent } from './read-telemetry-file.ts';
export { readLines, DEFAULT_LINE_READER_LIMITS } from './line-reader.ts';
export type { FileLine, LineReaderLimits } from './line-reader.ts';
export { IncidentFileWriter, isCompressedName } from './incident-file-writer.ts';
export type { IncidentDescription, IncidentFileWriterOptions } from './incident-file-writer.ts';
export { parseIncidentHeader } from './incident-header-schema.ts';
