import { describe, expect, it } from 'vitest';
import { bearerMatches, bearerToken, tokensMatch } from './bearer-token.ts';

describe('bearer tokens', () => {
  it('reads the token of a Bearer Authorization value, whatever the case and spacing of the scheme', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken(['Bearer abc'])).toBe('abc');
  });

  it('reads nothing from other schemes, bare tokens, empty, repeated or multi-word values', () => {
    for (const value of [undefined, '', 'Bearer', 'Bearer ', 'abc', 'Basic abc', 'Bearer a b', ['Bearer a', 'Bearer b'], []]) {
      expect(bearerToken(value)).toBeUndefined();
    }
  });

  it('matches only the exact token, and never an empty expected token', () => {
    const token = 'f'.repeat(64);
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(token.slice(1), token)).toBe(false);
    expect(tokensMatch(`${token}f`, token)).toBe(false);
    expect(tokensMatch(token.toUpperCase(), token)).toBe(false);
    expect(tokensMatch(undefined, token)).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(token, token)).toBe(false);
  });
});
