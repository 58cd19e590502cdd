import { describe, expect, it } from 'vitest';
import type { ColumnJson, TableJson } from '../../src/api';
import { coordPointAtSky, fitsRows, imageColumns, imageLoadFits, newMessageId, rowPosition, tableLoadVotable } from '../../src/samp/messages';

const column = (name: string, ucd: string | null = null, unit: string | null = null): ColumnJson =>
  ({ name, datatype: 'char', arraysize: '*', unit, ucd, utype: null, xtype: null, description: null });

const table = (columns: ColumnJson[], rows: unknown[][]): TableJson =>
  ({ name: null, description: null, columns, rowCount: rows.length, truncated: false, truncation: null, params: [], infos: [], rows });

describe('SAMP messages', () => {
  it('give every table a new table-id, even for the same source', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newMessageId('table', 'gaia dr3')));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^das-table-gaia_dr3-\d+-[0-9a-z]+$/);
    }
  });

  it('carry the URL, the id and the title (one line) as strings', () => {
    expect(tableLoadVotable('http://127.0.0.1:5000/api/query/table?source=a&format=votable', 'das-table-a-1-x', 'Gaia\tDR3\n')).toEqual({
      'samp.mtype': 'table.load.votable',
      'samp.params': { url: 'http://127.0.0.1:5000/api/query/table?source=a&format=votable', 'table-id': 'das-table-a-1-x', name: 'Gaia DR3' },
    });
    expect(imageLoadFits('http://h/x.fits', 'das-image-b-2-y', 'DSS')['samp.params']).toEqual({ url: 'http://h/x.fits', 'image-id': 'das-image-b-2-y', name: 'DSS' });
  });

  it('write positions as locale-free decimal strings', () => {
    expect(coordPointAtSky(334.0149, -7.8988)['samp.params']).toEqual({ ra: '334.0149', dec: '-7.8988' });
  });
});

describe('image rows', () => {
  const sia1 = table(
    [column('title'), column('url', 'VOX:Image_AccessReference'), column('fmt', 'VOX:Image_Format')],
    [['a', 'http://h/a.fits', 'image/fits'], ['b', 'http://h/b.jpg', 'image/jpeg'], ['c', 'ftp://h/c.fits', 'image/fits']]);
  const obscore = table(
    [column('obs_id'), column('access_url', 'meta.ref.url'), column('access_format', 'meta.code.mime')],
    [['x', 'https://h/x', 'application/fits'], ['y', 'https://h/y', 'application/x-votable+xml;content=datalink']]);
  const bare = table([column('access_url')], [['http://h/a.fits.gz'], ['http://h/b.png'], [null]]);

  it('are found by SIA 1 UCDs, ObsCore names, and FITS formats or file names', () => {
    expect(imageColumns(sia1)).toEqual({ url: 1, format: 2 });
    expect(fitsRows(sia1)).toEqual([0]);
    expect(imageColumns(obscore)).toEqual({ url: 1, format: 2 });
    expect(fitsRows(obscore)).toEqual([0]);
    expect(fitsRows(bare)).toEqual([0]);
  });

  it('are none in a catalogue', () => {
    expect(imageColumns(table([column('ra', 'pos.eq.ra'), column('preview', 'meta.ref.url')], [[1, 'http://h/p.fits']]))).toBeNull();
  });
});

describe('rowPosition', () => {
  it('reads a row\'s RA and Dec in degrees, hours-unit and sexagesimal included', () => {
    const deg = table([column('id'), column('ra', 'pos.eq.ra;meta.main', 'deg'), column('dec', 'pos.eq.dec;meta.main', 'deg')],
      [['a', 334.02, -7.8988], ['b', null, 1]]);
    expect(rowPosition(deg, 0)).toEqual({ ra: 334.02, dec: -7.8988 });
    expect(rowPosition(deg, 1)).toBeNull();
    expect(rowPosition(deg, 5)).toBeNull();
    const vizier = table([column('RAJ2000', 'pos.eq.ra', 'h:m:s'), column('DEJ2000', 'pos.eq.dec', 'd:m:s')], [['22 16 04.8', '-07 53 55.7']]);
    const p = rowPosition(vizier, 0);
    expect(p?.ra).toBeCloseTo(334.02, 9);
    expect(p?.dec).toBeCloseTo(-(7 + 53 / 60 + 55.7 / 3600), 9);
  });
});
