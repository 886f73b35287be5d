import { describe, expect, it } from 'vitest';
import { accessNotes, consoleLink } from './access-banner.ts';

describe('what serve prints about access', () => {
  const token = 'ab'.repeat(32);

  it('prints the bare console URL on loopback without a token, as before', () => {
    const input = { consoleUrl: 'http://127.0.0.1:8686', token: undefined, generated: false };
    expect(consoleLink(input)).toBe('http://127.0.0.1:8686');
    expect(accessNotes(input)).toEqual([]);
  });

  it('prints a generated token once, in the console link, with a reachable name for a wildcard bind', () => {
    const input = { consoleUrl: 'http://0.0.0.0:8686', token, generated: true, machineName: 'build-box' };
    expect(consoleLink(input)).toBe(`http://build-box:8686/?token=${token}`);
    expect(consoleLink({ ...input, consoleUrl: 'http://[::]:8686' })).toBe(`http://build-box:8686/?token=${token}`);
    const notes = accessNotes(input).join('\n');
    expect(notes).toMatch(/Authorization=Bearer%20<token>/);
    expect(notes).not.toContain(token);
  });

  it('never prints a token the user chose', () => {
    const input = { consoleUrl: 'http://192.168.1.5:8686', token, generated: false };
    expect(consoleLink(input)).toBe('http://192.168.1.5:8686 (open /?token=<your token> once)');
    expect([consoleLink(input), ...accessNotes(input)].join('\n')).not.toContain(token);
  });
});
