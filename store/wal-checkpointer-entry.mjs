// Checkpointer thread entry from sources: its TypeScript runs through tsx's loader, as the store worker's does.
import { register } from 'tsx/esm/api';

register();
await import('./wal-checkpointer-thread.ts');
