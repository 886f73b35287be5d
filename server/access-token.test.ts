import { describe, expect, it } from 'vitest';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { assertBindAllowed, chooseAccessToken, generateAccessToken, isLoopbackHost } from './access-token.ts';

describe('isLoopbackHost', () => {
  it('knows loopback however it is written', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
  });

  it('treats every other address or name as reaching other machines', () => {
    for (const host of ['0.0.0.0', '::', '[::]', '192.168.1.5', '10.0.0.1', '::ffff:10.0.0.1', 'my-laptop.local', 'localhost.evil.example', '128.0.0.1', '']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe('chooseAccessToken (serve --host / --token / CHOKEPOINT_TOKEN)', () => {
  const fixed = () => 'generated-token-0123456789';

  it('needs no token on loopback when none is given (as before)', () => {
    expect(chooseAccessToken({ host: '127.0.0.1' }, fixed)).toEqual({ token: undefined, generated: false });
    expect(chooseAccessToken({ host: 'localhost', envToken: '' }, fixed)).toEqual({ token: undefined, generated: false });
  });

  it('generates a token for any other host when none is given', () => {
    expect(chooseAccessToken({ host: '0.0.0.0' }, fixed)).toEqual({ token: 'generated-token-0123456789', generated: true });
    expect(chooseAccessToken({ host: '::' }, fixed).generated).toBe(true);
    expect(chooseAccessToken({ host: '192.168.1.5' }, fixed).generated).toBe(true);
  });

  it('takes --token over CHOKEPOINT_TOKEN, on any host, loopback included', () => {
    const flag = 'flag-token-abcdefghij';
    const env = 'env-token-abcdefghijk';
    expect(chooseAccessToken({ host: '0.0.0.0', flagToken: flag, envToken: env }, fixed)).toEqual({ token: flag, generated: false });
    expect(chooseAccessToken({ host: '0.0.0.0', envToken: env }, fixed)).toEqual({ token: env, generated: false });
    expect(chooseAccessToken({ host: '127.0.0.1', envToken: env }, fixed)).toEqual({ token: env, generated: false });
  });

  it('refuses tokens that are short or could not travel in a header, cookie or URL', () => {
    for (const bad of ['short', '', 'has space in it 123', 'semi;colon-0123456789', "quote'0123456789abcdef", 'plus+slash/equals=0123456789', 'é'.repeat(20), 'x'.repeat(513)]) {
      expect(() => chooseAccessToken({ host: '0.0.0.0', flagToken: bad })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }) as Error);
    }
    expect(() => chooseAccessToken({ host: '0.0.0.0', envToken: 'short' })).toThrow(/CHOKEPOINT_TOKEN/);
  });

  it('generates 64 hex characters from crypto.randomBytes, different each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, generateAccessToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('assertBindAllowed', () => {
  it('refuses to bind beyond loopback without a token, and allows everything else', () => {
    expect(() => assertBindAllowed('0.0.0.0', undefined, 'the console')).toThrow(/needs an access token/);
    expect(() => assertBindAllowed('192.168.1.5', '', 'the console')).toThrow(/needs an access token/);
    expect(() => assertBindAllowed('0.0.0.0', 'a-token-of-sixteen', 'the console')).not.toThrow();
    expect(() => assertBindAllowed('127.0.0.1', undefined, 'the console')).not.toThrow();
    recordTrial({ area: 'security', trial: 'bind beyond loopback without a token (core and console refuse to start)', tried: 2, held: 2, detail: '0.0.0.0 and 192.168.1.5 refused; loopback and token allowed' });
  });
});
