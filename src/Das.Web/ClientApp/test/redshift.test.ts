import { describe, expect, it } from 'vitest';
import type { TableJson } from '../src/api';
import { formatRedshift, formatSeparation, radiusFor, rowsOf, sortRows } from '../src/redshift';

function table(rows: unknown[][]): TableJson {
  const names = ['separation', 'z', 'z_err', 'z_kind', 'object', 'ra', 'dec', 'catalogue', 'catalogue_description', 'z_column', 'quality', 'reference', 'source', 'provenance'];
  return {
    name: 'redshifts', description: null, rowCount: rows.length, truncated: false, truncation: null, params: [], infos: [],
    columns: names.map(name => ({ name, datatype: 'double', arraysize: null, unit: null, ucd: null, utype: null, xtype: null, description: null })),
    rows,
  };
}

describe('the redshift panel helpers', () => {
  it('reads rows by column name and skips rows without a redshift', () => {
    const rows = rowsOf(table([
      [0.05, 0.23405, 0.00004, 'spec', '1', 334.02, -7.8988, 'synthcat.specz', 'Spectroscopic redshifts', 'z', '4', null, 'dachs-z', 'POST …'],
      [null, null, null, 'unknown', 'x', null, null, 'c', null, 'z', null, null, 's', null],
    ]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ separation: 0.05, z: 0.23405, zErr: 0.00004, kind: 'spec', object: '1', catalogue: 'synthcat.specz', quality: '4' });
  });

  it('sorts nearest first, rows without a separation last, ties by source then catalogue then z', () => {
    const rows = rowsOf(table([
      [null, 0.5, null, 'unknown', 'a', null, null, 'c1', null, 'z', null, null, 'vizier', null],
      [2.4, 0.2, null, 'phot', 'b', null, null, 'c1', null, 'z', null, null, 'vizier', null],
      [0, 0.3, null, 'spec', 'c', null, null, 'c2', null, 'z', null, null, 'vizier', null],
      [0, 0.1, null, 'spec', 'd', null, null, 'basic', null, 'z', null, null, 'simbad', null],
    ]));
    expect(sortRows(rows).map(r => r.object)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('writes z with as many decimals as its error needs', () => {
    expect(formatRedshift(0.23405, 0.00004)).toBe('0.234050 ± 0.000040');
    expect(formatRedshift(1.2, 0.08)).toBe('1.200 ± 0.080');
    expect(formatRedshift(0.234, null)).toBe('0.23400');
    expect(formatSeparation(null)).toBe('–');
    expect(formatSeparation(7.34727)).toBe('7.35');
  });

  it('searches the error circle, at least 30 arcsec and at most 1800', () => {
    expect(radiusFor(10)).toBe(30);
    expect(radiusFor(120)).toBe(120);
    expect(radiusFor(18000)).toBe(1800);
    expect(radiusFor(Number.NaN)).toBe(30);
  });
});
