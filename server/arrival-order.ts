// Puts the batches of a telemetry file back in the order they would have arrived live. Files are roughly in
// that order already (an exporter writes as it goes), so a small window of lookahead sorts out the rest:
// a batch is released once the file has moved `windowNanos` past it, or the buffer is full, or the file ends.
import type { TelemetryBatch } from '../common/telemetry.ts';

export interface ArrivingBatch {
  batch: TelemetryBatch;
  arrivalUnixNano: bigint;
  line: number;
}

export class ArrivalOrder {
  private readonly pending: ArrivingBatch[] = [];
  private readonly windowNanos: bigint;
  private readonly maxBuffered: number;
  private latest = 0n;

  constructor(windowNanos = 30_000_000_000n, maxBuffered = 10_000) {
    this.windowNanos = windowNanos;
    this.maxBuffered = maxBuffered;
  }

  /** Adds a batch; returns the batches now due, oldest first. */
  push(item: ArrivingBatch): ArrivingBatch[] {
    let at = this.pending.length;
    while (at > 0 && this.pending[at - 1].arrivalUnixNano > item.arrivalUnixNano) at -= 1;
    this.pending.splice(at, 0, item);
    if (item.arrivalUnixNano > this.latest) this.latest = item.arrivalUnixNano;
    const due: ArrivingBatch[] = [];
    while (this.pending.length > 0 && (this.pending.length > this.maxBuffered || this.pending[0].arrivalUnixNano <= this.latest - this.windowNanos)) {
      due.push(this.pending.shift()!);
    }
    return due;
  }

  /** Everything still held, oldest first (at the end of the file). */
  drain(): ArrivingBatch[] {
    return this.pending.splice(0);
  }
}
