// A query in the service's link grammar (RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG), read from and written to the
// address bar. Values stay as the user typed them: the server parses positions in any notation and says precisely
// what is wrong, so the page never reinterprets them.

import type { SourceInfo } from './api';

export interface QueryForm {
  ra: string;
  dec: string;
  name: string;
  fov: string;
  err: string;
  /** CAT values in order (repeated or comma-separated in the URL); empty means the defaults. */
  cat: string[];
  /** VIZ values (comma-separated VizieR catalogues). */
  viz: string[];
  /** IMG value, or '' when not given. */
  img: string;
}

export const emptyQuery = (): QueryForm => ({ ra: '', dec: '', name: '', fov: '', err: '', cat: [], viz: [], img: '' });

const known = ['RA', 'DEC', 'FOV', 'ERR', 'NAME', 'CAT', 'VIZ', 'IMG'] as const;

/** Reads the parameters the service knows from a search string (names case-insensitive, as the server reads them). */
export function readQuery(search: string): { query: QueryForm; present: boolean } {
  const params = new URLSearchParams(search);
  const query = emptyQuery();
  let present = false;
  for (const [rawKey, rawValue] of params) {
    const key = rawKey.trim().toUpperCase();
    const value = rawValue.trim();
    if (!(known as readonly string[]).includes(key)) {
      continue;
    }
    present = true;
    switch (key) {
      case 'RA': query.ra = value; break;
      case 'DEC': query.dec = value; break;
      case 'NAME': query.name = value; break;
      case 'FOV': query.fov = value; break;
      case 'ERR': query.err = value; break;
      case 'IMG': query.img = value; break;
      case 'CAT': query.cat.push(...splitList(value)); break;
      case 'VIZ': query.viz.push(...splitList(value)); break;
    }
  }
  return { query, present };
}

export function splitList(value: string): string[] {
  return value.split(',').map(v => v.trim()).filter(v => v.length > 0);
}

/** The search string of a query (no leading '?'), parameters in the service's order, empty ones left out. */
export function writeQuery(query: QueryForm): string {
  const params = new URLSearchParams();
  const single: [string, string][] = [['RA', query.ra], ['DEC', query.dec], ['FOV', query.fov], ['ERR', query.err], ['NAME', query.name]];
  for (const [key, value] of single) {
    if (value.trim()) {
      params.append(key, value.trim());
    }
  }
  for (const cat of query.cat) {
    params.append('CAT', cat);
  }
  if (query.viz.length > 0) {
    params.append('VIZ', query.viz.join(','));
  }
  if (query.img.trim()) {
    params.append('IMG', query.img.trim());
  }
  // URLSearchParams writes spaces as '+', which the server reads as spaces; keep the link readable otherwise.
  return params.toString().replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

const isImages = (s: SourceInfo): boolean => s.kind === 'Images';

/**
 * The sources a CAT/IMG selection asks, as the server chooses them: the default catalogues unless CAT is given
 * without DEFAULT, the default image sources unless IMG=0, and every source named by id or alias.
 * VIZ catalogues are not in the list (they are made on demand by the server).
 */
export function selectedIds(sources: SourceInfo[], query: QueryForm): Set<string> {
  const named = query.cat.filter(c => c !== '0' && c.toUpperCase() !== 'DEFAULT').map(c => c.toLowerCase());
  const defaultCatalogues = query.cat.length === 0 || query.cat.some(c => c.toUpperCase() === 'DEFAULT');
  const images = query.img !== '0';
  const chosen = new Set<string>();
  for (const s of sources) {
    const byDefault = s.isDefault && (isImages(s) ? images : defaultCatalogues);
    const byName = named.includes(s.id.toLowerCase()) || s.aliases.some(a => named.includes(a.toLowerCase()));
    if (byDefault || byName) {
      chosen.add(s.id);
    }
  }
  return chosen;
}

/**
 * The shortest CAT/IMG values that ask exactly the checked sources: nothing when the defaults are checked;
 * CAT=DEFAULT plus the extra ones when every default catalogue is checked; otherwise each checked catalogue by id,
 * or CAT=0 for none; IMG=0 plus CAT=id per checked image source when not every default image source is checked.
 */
export function selectionParameters(sources: SourceInfo[], checked: Set<string>): { cat: string[]; img: string } {
  const catalogues = sources.filter(s => !isImages(s));
  const imageSources = sources.filter(isImages);
  const allDefaultCatalogues = catalogues.filter(s => s.isDefault).every(s => checked.has(s.id));
  const allDefaultImages = imageSources.filter(s => s.isDefault).every(s => checked.has(s.id));
  const cat: string[] = [];
  if (allDefaultCatalogues) {
    cat.push(...catalogues.filter(s => !s.isDefault && checked.has(s.id)).map(s => s.id));
  } else {
    cat.push(...catalogues.filter(s => checked.has(s.id)).map(s => s.id));
  }
  let img = '';
  if (allDefaultImages) {
    cat.push(...imageSources.filter(s => !s.isDefault && checked.has(s.id)).map(s => s.id));
  } else {
    img = '0';
    cat.push(...imageSources.filter(s => checked.has(s.id)).map(s => s.id));
  }
  if (!allDefaultCatalogues && cat.length === 0) {
    return { cat: ['0'], img };
  }
  if (allDefaultCatalogues && cat.length > 0) {
    cat.unshift('DEFAULT');
  }
  return { cat, img };
}
