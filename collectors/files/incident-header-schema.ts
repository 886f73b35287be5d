// Validation of an incident file's header line: files come from other people, so the header is checked like
// any other untrusted input before anything reads it.
import { z } from 'zod';
import { INCIDENT_FORMAT, type IncidentHeader } from '../../common/incident.ts';

// At most 2^63 - 1 (April 2262): the console's queries bind these as signed 64-bit integers.
const nanos = z
  .string()
  .regex(/^\d{1,19}$/, 'a Unix time in nanoseconds as a decimal string')
  // Compared as text: zod runs refinements even after the regex failed, and BigInt would throw on non-digits.
  .refine((value) => value.length < 19 || (value.length === 19 && value <= '9223372036854775807'), 'a Unix time in nanoseconds before the year 2262');
const count = z.number().int().nonnegative();

export const incidentHeaderSchema = z.object({
  format: z.literal(INCIDENT_FORMAT),
  formatVersion: z.number().int().positive(),
  title: z.string().max(500),
  notes: z.string().max(100_000),
  createdAtUnixNano: nanos,
  fromUnixNano: nanos,
  toUnixNano: nanos,
  services: z.array(z.string().max(500)).max(10_000),
  host: z
    .object({ name: z.string().max(500), os: z.string().max(200), arch: z.string().max(100), cpus: count, memoryBytes: count })
    .nullable(),
  chokepointVersion: z.string().max(100),
  counts: z.object({ spans: count, metricPoints: count, logs: count }),
  findings: z.array(z.unknown()).max(10_000).optional(),
  thresholds: z.record(z.string().max(200), z.number()).optional(),
});

/** The header, or a one-line reason it is not one. */
export function parseIncidentHeader(value: unknown): { header: IncidentHeader } | { error: string } {
  const parsed = incidentHeaderSchema.safeParse(value);
  if (parsed.success) return { header: parsed.data };
  const issue = parsed.error.issues[0];
  return { error: `header: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
}
