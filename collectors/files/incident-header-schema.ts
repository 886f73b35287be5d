// Validation of an incident file's header line: files come from other people, so the header is checked like
// any other untrusted input before anything reads it.
import { z } from 'zod';
import { INCIDENT_FORMAT, type IncidentHeader } from '../../common/incident.ts';

const nanos = z.string().regex(/^\d{1,20}$/, 'a Unix time in nanoseconds as a decimal string');
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
