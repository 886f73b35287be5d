import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './cors.ts';

describe('isOriginAllowed', () => {
  it('allows pages served from loopback on any port', () => {
    expect(isOriginAllowed('http://localhost:5173', [])).toBe(true);
    expect(isOriginAllowed('http://127.0.0.1:3000', [])).toBe(true);
    expect(isOriginAllowed('https://[::1]:8443', [])).toBe(true);
  });

  it('refuses other sites unless listed', () => {
    expect(isOriginAllowed('https://evil.example', [])).toBe(false);
    expect(isOriginAllowed('http://localhost.evil.example', [])).toBe(false);
    expect(isOriginAllowed('https://app.example', ['https://app.example'])).toBe(true);
    expect(isOriginAllowed('https://anything.example', ['*'])).toBe(true);
  });

  it('refuses opaque or malformed origins', () => {
    expect(isOriginAllowed('null', [])).toBe(false);
    expect(isOriginAllowed('file://', [])).toBe(false);
  });
});

describe('isOriginAllowed by default (no --cors-origin)', () => {
  it('allows loopback origins only, however a foreign name dresses up as one', () => {
    for (const origin of ['http://127.0.0.1.nip.io', 'http://localhost.example', 'http://user@evil.example', 'http://0.0.0.0:4318', 'http://192.168.1.5:3000', 'javascript:alert(1)', 'ftp://localhost']) {
      expect(isOriginAllowed(origin, [])).toBe(false);
    }
  });
});
