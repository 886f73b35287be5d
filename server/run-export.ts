// `chokepoint export`: a time range of a data dir's store → an incident file.
import { StoreClient } from '../store/index.ts';
import { exportIncident } from './incident-export.ts';

export interface ExportCommandOptions {
  dataDir: string;
  out: string;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  title: string;
  notes: string;
  plain: boolean;
}

export async function runExport(options: ExportCommandOptions): Promise<void> {
  const store = await StoreClient.open({ dataDir: options.dataDir, retention: {} });
  try {
    const result = await exportIncident(store, options.out, options);
    const { spans, metricPoints, logs } = result.header.counts;
    process.stdout.write(`saved ${options.out} (${spans} spans, ${metricPoints} metric points, ${logs} logs, ${(result.bytes / 1024).toFixed(0)} KiB)\n`);
  } finally {
    await store.close();
  }
}
