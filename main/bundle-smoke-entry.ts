// Entry of the bundle test (main/bundle.test.ts): the same core modules the Electron main bundle holds, run under
// plain Node from the bundle layout, to show the store worker and the decoder are found there and work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoIncidentFile } from '../server/demo-incident.ts';
import { BATCH_DECODER_MODULE } from '../server/worker-ingest-sink.ts';
import { StoreClient } from '../store/index.ts';

async function smoke(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bundle-'));
  const store = await StoreClient.open({ dataDir: dir, retention: {}, decoderModule: BATCH_DECODER_MODULE });
  const span = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000010000000' };
  const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'smoke' } }] }, scopeSpans: [{ spans: [span] }] }] });
  await store.ingest('traces', 'json', new TextEncoder().encode(body));
  const counts = await store.query('counts');
  const checkpointer = store.checkpointerProblem ?? 'running';
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ spans: counts.spans, checkpointer, demo: fs.existsSync(demoIncidentFile()) })}\n`);
}

smoke().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
