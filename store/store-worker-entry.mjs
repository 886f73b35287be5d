// Worker entry: the store's TypeScript sources run through tsx's loader, as the rest of the app does.
import { register } from 'tsx/esm/api';

register();
await import('./store-worker.ts');
