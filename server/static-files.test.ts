import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './static-files.ts';

describe('resolveInside', () => {
  const root = path.resolve('/srv/console');

  it('maps URL paths to files under the root', () => {
    expect(resolveInside(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });

  it('never escapes the root, however the path is encoded', () => {
    for (const attempt of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret', '/..%2f..%2fsecret']) {
      const resolved = resolveInside(root, attempt);
      expect(resolved === null || resolved.startsWith(root)).toBe(true);
    }
    expect(resolveInside(root, '/a%00b')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });
});
