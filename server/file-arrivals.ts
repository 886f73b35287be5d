// The batches of one or more telemetry files in the order they would have arrived live: each file's lines
// cut into one-second slices and sorted with a lookahead window, then the files merged by arrival time.
// Headers and bad lines are reported through the callbacks.
import type { IncidentHeader } from '../common/incident.ts';
import { readTelemetryFile, type LineReaderLimits } from '../collectors/files/index.ts';
import { ArrivalOrder, type ArrivingBatch } from './arrival-order.ts';
import { sliceByArrival } from './telemetry-shift.ts';

/** Replay granularity: items are delivered in one-second slices of their own arrival time. */
const SLICE_NANOS = 1_000_000_000n;

export interface FileArrivalHooks {
  onHeader?: (file: string, header: IncidentHeader) => void;
  /** A line that could not be read, or items of a line that were left out. */
  onProblem?: (file: string, line: number, message: string, rejectedItems: number) => void;
  limits?: LineReaderLimits;
  /** Stops reading (at the next chunk of the file) once aborted. */
  signal?: AbortSignal;
}

export interface FileArrival extends ArrivingBatch {
  file: string;
}

async function* oneFile(file: string, hooks: FileArrivalHooks): AsyncGenerator<FileArrival, void, undefined> {
  const order = new ArrivalOrder();
  for await (const event of readTelemetryFile(file, hooks.limits, hooks.signal)) {
    if (event.type === 'header') {
      hooks.onHeader?.(file, event.header);
    } else if (event.type === 'error') {
      hooks.onProblem?.(file, event.line, event.message, 0);
    } else {
      if (event.rejected > 0) hooks.onProblem?.(file, event.line, event.rejectionMessage, event.rejected);
      for (const slice of sliceByArrival(event.batch, SLICE_NANOS)) {
        if (slice.arrivalUnixNano === 0n) continue;
        for (const due of order.push({ ...slice, line: event.line })) yield { ...due, file };
      }
    }
  }
  for (const due of order.drain()) yield { ...due, file };
}

/** All files' batches merged by arrival time (each file read as a stream, one batch ahead). */
export async function* fileArrivals(files: readonly string[], hooks: FileArrivalHooks = {}): AsyncGenerator<FileArrival> {
  const streams = files.map((file) => oneFile(file, hooks));
  const next = async (stream: AsyncGenerator<FileArrival, void, undefined>): Promise<FileArrival | undefined> => {
    const result = await stream.next();
    return result.done === true ? undefined : result.value;
  };
  const heads = await Promise.all(streams.map(next));
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i += 1) {
      const head = heads[i];
      if (head !== undefined && (pick < 0 || head.arrivalUnixNano < heads[pick]!.arrivalUnixNano)) pick = i;
    }
    if (pick < 0) return;
    yield heads[pick]!;
    heads[pick] = await next(streams[pick]);
  }
}
