// The bundled demo incident `npm start` opens when there is no live data: a real recording from the fixture
// library (see fixtures/incidents/), so a newcomer sees a real finding with its evidence at once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBundled } from '../common/bundle-layout.ts';
import { ChokepointError } from '../common/error-codes.ts';

// server/ in the sources, main/dist/ in the desktop bundle: either way the app's root holds fixtures/incidents/.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), isBundled(import.meta.url) ? '../..' : '..');
export const DEMO_INCIDENT_NAME = 'pool-exhaustion';

export function demoIncidentFile(): string {
  const file = path.join(repoRoot, 'fixtures', 'incidents', `${DEMO_INCIDENT_NAME}.chokepoint`);
  if (!fs.existsSync(file)) throw new ChokepointError('NOT_FOUND', `the demo incident is missing (${file})`);
  return file;
}
