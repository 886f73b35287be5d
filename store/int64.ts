// SQLite integers are signed 64-bit; OTLP times are unsigned 64-bit. Out-of-range values are bad input.
import { ChokepointError } from '../common/error-codes.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `value` when it fits a SQLite integer; otherwise throws BAD_REQUEST naming `what`. */
export function int64(value: bigint, what: string): bigint {
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new ChokepointError('BAD_REQUEST', `${what} ${value} is out of range (timestamps must be before the year 2262)`);
  }
  return value;
}
