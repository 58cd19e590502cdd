// The SAMP messages the page sends (SAMP MTypes list, https://www.ivoa.net/documents/SAMP/) and what it needs from a
// table to send them: pure functions of the table JSON, tested by Vitest.

import type { ColumnJson, TableJson } from '../api';
import { degrees, positionColumns } from '../columns';
import type { XmlRpcStruct } from './xmlrpc';

/** A SAMP message: an MType and its parameters (every scalar a string, as SAMP requires). */
export interface SampMessage extends XmlRpcStruct {
  'samp.mtype': string;
  'samp.params': XmlRpcStruct;
}

export const MTYPE_TABLE = 'table.load.votable';
export const MTYPE_IMAGE = 'image.load.fits';
export const MTYPE_POINT = 'coord.pointAt.sky';

let sequence = 0;

/**
 * A table-id or image-id never used before by this page: receivers such as TOPCAT refuse a reused id ("Duplicate
 * table-id"). The source id keeps it readable; a count and random bits keep it unique across pages and reloads.
 */
export function newMessageId(kind: 'table' | 'image', sourceId: string): string {
  sequence += 1;
  const random = new Uint32Array(1);
  crypto.getRandomValues(random);
  const safe = sourceId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `das-${kind}-${safe}-${sequence}-${(random[0] ?? 0).toString(36)}`;
}

/** table.load.votable for a VOTable at an absolute URL the receiver can fetch. */
export function tableLoadVotable(url: string, tableId: string, name: string): SampMessage {
  return { 'samp.mtype': MTYPE_TABLE, 'samp.params': { url, 'table-id': tableId, name: plainText(name) } };
}

/** image.load.fits for a FITS image at an absolute URL. */
export function imageLoadFits(url: string, imageId: string, name: string): SampMessage {
  return { 'samp.mtype': MTYPE_IMAGE, 'samp.params': { url, 'image-id': imageId, name: plainText(name) } };
}

/** coord.pointAt.sky: ICRS degrees as SAMP floats (plain decimal text, locale-free). */
export function coordPointAtSky(ra: number, dec: number): SampMessage {
  return { 'samp.mtype': MTYPE_POINT, 'samp.params': { ra: samp(ra), dec: samp(dec) } };
}

/** A SAMP float: JavaScript's own number text, which never uses a locale's decimal comma. */
function samp(value: number): string {
  return String(value);
}

/** Control characters (tabs, new lines) in a title become spaces: a name is one line of text. */
function plainText(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
}

/** Where a table keeps its images: the access URL column and, when there is one, the format (MIME type) column. */
export interface ImageColumns {
  url: number;
  format: number | null;
}

const ucdWords = (c: ColumnJson): string[] => (c.ucd ?? '').toLowerCase().split(';').map(w => w.trim());
const named = (c: ColumnJson, names: string[]): boolean => names.includes(c.name.toLowerCase());

/**
 * The image columns of an image-service answer: SIA 1 (UCD VOX:Image_AccessReference / VOX:Image_Format), SIA 2 and
 * ObsCore (access_url / access_format, meta.ref.url / meta.code.mime); null for a table without access URLs.
 */
export function imageColumns(table: TableJson): ImageColumns | null {
  const columns = table.columns;
  let url = columns.findIndex(c => ucdWords(c).includes('vox:image_accessreference'));
  if (url < 0) {
    url = columns.findIndex(c => named(c, ['access_url', 'accessurl', 'access_ref']));
  }
  if (url < 0) {
    return null;
  }
  let format = columns.findIndex(c => ucdWords(c).includes('vox:image_format'));
  if (format < 0) {
    format = columns.findIndex(c => named(c, ['access_format', 'format', 'mime']) || ucdWords(c).includes('meta.code.mime'));
  }
  return { url, format: format >= 0 ? format : null };
}

/** The FITS image URL of a row, or null when its format says it is not FITS or it has no http(s) URL. */
export function fitsUrlOf(table: TableJson, columns: ImageColumns, row: number): string | null {
  const cells = table.rows[row];
  if (!cells) {
    return null;
  }
  const url = cells[columns.url];
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url.trim())) {
    return null;
  }
  const format = columns.format === null ? null : cells[columns.format];
  if (typeof format === 'string' && format.trim() !== '') {
    return /fits/i.test(format) ? url.trim() : null;
  }
  // No format column (or an empty cell): trust the file name.
  return /\.(fits?|fit\.gz|fits\.gz|fz)(\?|$)/i.test(url.trim()) ? url.trim() : null;
}

/** The rows of a table that carry a FITS image. */
export function fitsRows(table: TableJson): number[] {
  const columns = imageColumns(table);
  if (!columns) {
    return [];
  }
  const rows: number[] = [];
  table.rows.forEach((_, row) => {
    if (fitsUrlOf(table, columns, row) !== null) {
      rows.push(row);
    }
  });
  return rows;
}

/** A row's position in degrees (by the same columns the sky view uses), or null. */
export function rowPosition(table: TableJson, row: number): { ra: number; dec: number } | null {
  const columns = positionColumns(table);
  const cells = table.rows[row];
  if (!columns || !cells) {
    return null;
  }
  const ra = degrees(cells[columns.ra], true, table.columns[columns.ra]?.unit ?? null);
  const dec = degrees(cells[columns.dec], false, table.columns[columns.dec]?.unit ?? null);
  return ra !== null && dec !== null && dec >= -90 && dec <= 90 ? { ra, dec } : null;
}
