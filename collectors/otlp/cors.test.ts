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
