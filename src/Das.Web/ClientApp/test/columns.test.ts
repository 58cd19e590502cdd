import { describe, expect, it } from 'vitest';
import type { ColumnJson, TableJson } from '../src/api';
import { compareNumeric, degrees, fitsUrl, imageColumns, numericFilter, positionColumns } from '../src/columns';

function column(name: string, ucd: string | null = null, unit: string | null = null, datatype = 'double'): ColumnJson {
  return { name, datatype, arraysize: null, unit, ucd, utype: null, xtype: null, description: null };
}

function table(columns: ColumnJson[]): TableJson {
  return {
    name: null, description: null, columns, rowCount: 0, truncated: false, truncation: null, params: [], infos: [], rows: [],
  };
}

describe('positionColumns', () => {
  it('prefers the meta.main position among several', () => {
    const t = table([column('ra_obj', 'pos.eq.ra'), column('dec_obj', 'pos.eq.dec'), column('RA_ICRS', 'pos.eq.ra;meta.main'), column('DE_ICRS', 'pos.eq.dec;meta.main')]);
    expect(positionColumns(t)).toEqual({ ra: 2, dec: 3 });
  });

  it('takes the first pos.eq pair when none is main', () => {
    expect(positionColumns(table([column('x'), column('a', 'POS.EQ.RA'), column('b', 'pos.eq.dec')]))).toEqual({ ra: 1, dec: 2 });
  });

  it('falls back to the usual names, then to nothing', () => {
    expect(positionColumns(table([column('id'), column('DEJ2000'), column('RAJ2000')]))).toEqual({ ra: 2, dec: 1 });
    expect(positionColumns(table([column('id'), column('mag')]))).toBeNull();
  });
});

describe('degrees', () => {
  it('reads sexagesimal RA as hours and Dec as degrees, with signs', () => {
    expect(degrees('12 30 00', true, null)).toBeCloseTo(12.5 * 15, 12);
    expect(degrees('22:16:04.8', true, 'h:m:s')).toBeCloseTo((22 + 16 / 60 + 4.8 / 3600) * 15, 10);
    expect(degrees('-07 53 55.7', false, 'd:m:s')).toBeCloseTo(-(7 + 53 / 60 + 55.7 / 3600), 10);
    expect(degrees('-00 30 00', false, null)).toBeCloseTo(-0.5, 12);
  });

  it('reads numbers as degrees unless the unit says hours', () => {
    expect(degrees(10.5, true, 'deg')).toBe(10.5);
    expect(degrees('10.5', true, 'h')).toBeCloseTo(157.5, 12);
    expect(degrees(10.5, false, 'h')).toBe(10.5);
  });

  it('gives null for what is not a position', () => {
    expect(degrees(null, true, null)).toBeNull();
    expect(degrees('n/a', true, null)).toBeNull();
    expect(degrees(Number.NaN, false, null)).toBeNull();
  });
});

describe('compareNumeric and numericFilter', () => {
  it('orders 64-bit ids exactly where doubles cannot', () => {
    const a = '9007199254740993';
    const b = '9007199254740992';
    expect(Number(a) - Number(b)).toBe(0); // the reason for BigInt
    expect(compareNumeric(a, b)).toBeGreaterThan(0);
    expect(compareNumeric(b, a)).toBeLessThan(0);
  });

  it('puts empty cells first', () => {
    expect([3, null, 1].sort(compareNumeric)).toEqual([null, 1, 3]);
  });

  it.each([
    ['> 5', 6, true], ['> 5', 5, false], ['>=5', 5, true], ['< 17', 16.5, true], ['<=2.5', 2.6, false],
    ['= 3', 3, true], ['1..2', 1.5, true], ['1..2', 2.5, false], ['-3..-1', -2, true], ['> 1', null, false], ['', null, true],
  ] as const)('filter %s on %s is %s', (filter, value, expected) => {
    expect(numericFilter(filter, value)).toBe(expected);
  });
});

describe('imageColumns and fitsUrl', () => {
  const sia2 = table([column('obs_id', null, null, 'char'), column('access_url', 'meta.ref.url', null, 'char'), column('access_format', 'meta.code.mime', null, 'char')]);
  const sia1 = table([column('URL', 'VOX:Image_AccessReference', null, 'char'), column('Format', 'VOX:Image_Format', null, 'char')]);

  it('finds the access URL by name, else by UCD, and the format by UCD, else by name', () => {
    expect(imageColumns(sia2)).toEqual({ url: 1, format: 2 });
    expect(imageColumns(table([column('link', 'meta.ref.url', null, 'char'), column('format', null, null, 'char')]))).toEqual({ url: 0, format: 1 });
    expect(imageColumns(table([column('link', 'meta.ref.url', null, 'char')]))).toEqual({ url: 0, format: -1 });
    expect(imageColumns(sia1)).toBeNull();
  });

  it('offers FITS rows only: by their format, or by the file name when there is no format', () => {
    const cols = { url: 1, format: 2 };
    expect(fitsUrl(['a', 'http://127.0.0.1:9/img/a', 'image/fits'], cols)).toBe('http://127.0.0.1:9/img/a');
    expect(fitsUrl(['a', 'https://archive.example/a?x=1', 'application/fits'], cols)).toBe('https://archive.example/a?x=1');
    expect(fitsUrl(['a', 'http://127.0.0.1:9/img/a.fits', 'image/jpeg'], cols)).toBeNull();
    expect(fitsUrl(['a', 'javascript:alert(1)//.fits', 'image/fits'], cols)).toBeNull();
    expect(fitsUrl(['a', null, 'image/fits'], cols)).toBeNull();
    const noFormat = { url: 0, format: -1 };
    expect(fitsUrl(['http://127.0.0.1:9/img/field.fits'], noFormat)).toBe('http://127.0.0.1:9/img/field.fits');
    expect(fitsUrl(['http://127.0.0.1:9/img/field.fits.gz'], noFormat)).toBe('http://127.0.0.1:9/img/field.fits.gz');
    expect(fitsUrl(['http://127.0.0.1:9/img/preview.jpg'], noFormat)).toBeNull();
  });
});
