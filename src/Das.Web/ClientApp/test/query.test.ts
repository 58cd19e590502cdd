import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../src/api';
import { readQuery, selectedIds, selectionParameters, writeQuery } from '../src/query';

function source(id: string, kind: string, isDefault: boolean, aliases: string[] = []): SourceInfo {
  return {
    id, title: id, kind, protocol: 'scs', host: null, isDefault, aliases, budgetSeconds: 30, cacheSeconds: 0,
    accessGroup: null, description: null,
  };
}

const catalogue: SourceInfo[] = [
  source('gaia', 'Catalogue', true, ['GAIA']),
  source('simbad', 'Catalogue', true),
  source('ztf', 'LightCurve', false, ['ZTF']),
  source('fink', 'Catalogue', false, ['FINK']),
  source('dss', 'Images', true),
  source('legacy', 'Images', false),
];

describe('readQuery and writeQuery', () => {
  it.each([
    'RA=307.888365&DEC=-7.088342&FOV=2&ERR=10',
    'CAT=0',
    'CAT=DEFAULT&VIZ=acker,V/84',
    'CAT=ZTF&CAT=FINK&IMG=0',
    'RA=22:16:04.8&DEC=-07:53:55.7&NAME=NGC+7252',
  ])('writes back the link it read: %s', link => {
    const { query, present } = readQuery(`?${link}`);
    expect(present).toBe(true);
    expect(writeQuery(query)).toBe(link);
  });

  it('reads names in any case, repeated CAT and comma lists, and ignores other parameters', () => {
    const { query, present } = readQuery('?ra=1&Dec=2&cat=a,b&CAT=c&viz=x&VIZ=y,z&utm_source=mail');
    expect(present).toBe(true);
    expect([query.ra, query.dec]).toEqual(['1', '2']);
    expect(query.cat).toEqual(['a', 'b', 'c']);
    expect(query.viz).toEqual(['x', 'y', 'z']);
  });

  it('says when the address has no query', () => {
    expect(readQuery('?utm_source=mail').present).toBe(false);
    expect(readQuery('').present).toBe(false);
  });
});

describe('selectedIds', () => {
  it('asks the default catalogues and default images without CAT or IMG', () => {
    expect([...selectedIds(catalogue, readQuery('').query)].sort()).toEqual(['dss', 'gaia', 'simbad']);
  });

  it('asks only the named sources (by id or alias, any case) when CAT has no DEFAULT', () => {
    expect([...selectedIds(catalogue, readQuery('?CAT=ZTF&CAT=fink&IMG=0').query)].sort()).toEqual(['fink', 'ztf']);
  });

  it('keeps the defaults with CAT=DEFAULT and drops every catalogue with CAT=0', () => {
    expect([...selectedIds(catalogue, readQuery('?CAT=DEFAULT&CAT=ztf').query)].sort()).toEqual(['dss', 'gaia', 'simbad', 'ztf']);
    expect([...selectedIds(catalogue, readQuery('?CAT=0').query)]).toEqual(['dss']);
  });
});

describe('selectionParameters', () => {
  // Every subset of the catalogue: the CAT/IMG written for it must ask exactly that subset, as the server reads it.
  const subsets = Array.from({ length: 1 << catalogue.length }, (_, mask) =>
    new Set(catalogue.filter((_, i) => (mask >> i) & 1).map(s => s.id)));

  it.each(subsets.map(s => [[...s].join(',') || '(none)', s] as const))('asks exactly %s', (_, checked) => {
    const { cat, img } = selectionParameters(catalogue, checked);
    expect(cat.includes('0') && cat.length > 1).toBe(false); // CAT=0 never combined (the server refuses it)
    const asked = selectedIds(catalogue, { ...readQuery('').query, cat, img });
    expect([...asked].sort()).toEqual([...checked].sort());
  });

  it('writes nothing for the defaults, so the link stays short', () => {
    expect(selectionParameters(catalogue, new Set(['gaia', 'simbad', 'dss']))).toEqual({ cat: [], img: '' });
  });
});
