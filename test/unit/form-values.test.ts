import { describe, expect, it } from 'vitest';
import { fitsDataType } from '../../src-shared/form-values';

describe('fitsDataType', () => {
  it.each([
    ['number', '42', true],
    ['number', ' -3.5 ', true],
    ['number', '4x2', false],
    ['number', '1e3', false],
    ['email', 'alice@example.com', true],
    ['email', 'alice@', false],
    ['email', 'not an email', false],
    ['date', '2026-02-28', true],
    ['date', '2026-02-30', false],
    ['date', '28/02/2026', false],
    ['string', 'anything at all', true],
  ] as const)('%s %j -> %s', (dataType, value, fits) => {
    expect(fitsDataType(dataType, value)).toBe(fits);
  });
});
