import { describe, expect, it } from 'vitest';
import { formatAge, formatElapsed } from '../src/status';

describe('formatAge and formatElapsed', () => {
  it.each([[0, '0 s'], [42.4, '42 s'], [89, '89 s'], [90, '2 min'], [3600, '60 min'], [5400, '2 h'], [86400, '24 h'], [36 * 3600, '2 d']] as const)(
    'an age of %s s reads %s', (seconds, text) => expect(formatAge(seconds)).toBe(text));

  it.each([[12.4, '12 ms'], [999, '999 ms'], [1000, '1.00 s'], [3016.5, '3.02 s'], [12_345, '12.3 s']] as const)(
    '%s ms reads %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});
