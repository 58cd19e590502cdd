import { describe, expect, it } from 'vitest';
import type { ColumnJson, TableJson } from '../src/api';
import { downloadNames, fileName, imageRows, mjdToIso, sizeInBytes, wavelength } from '../src/imagerows';

function column(name: string, ucd: string | null = null, unit: string | null = null, datatype = 'char'): ColumnJson {
  return { name, datatype, arraysize: datatype === 'char' ? '*' : null, unit, ucd, utype: null, xtype: null, description: null };
}

function table(columns: ColumnJson[], rows: unknown[][]): TableJson {
  return { name: null, description: null, columns, rowCount: rows.length, truncated: false, truncation: null, params: [], infos: [], rows };
}

const obscore = [
  column('obs_id', 'meta.id'), column('obs_title'), column('access_url', 'meta.ref.url'), column('access_format', 'meta.code.mime'),
  column('access_estsize', 'phys.size;meta.file', 'kbyte', 'long'), column('t_exptime', 'time.duration;obs.exposure', 's', 'double'),
  column('t_min', 'time.start;obs.exposure', 'd', 'double'), column('em_min', 'em.wl;stat.min', 'm', 'double'),
  column('em_max', 'em.wl;stat.max', 'm', 'double'), column('preview', 'meta.ref.url;meta.preview'),
];

describe('imageRows', () => {
  it('reads title, band from em_min and em_max, exposure, date, size in kbyte, format and preview of ObsCore rows', () => {
    const rows = imageRows(table(obscore, [
      ['ivo://x/1', 'M 31 r band', 'https://archive.example/get?ID=1', 'image/fits', '20', 300, 59000.5, 5.5e-7, 7e-7, 'https://archive.example/p/1.jpg'],
    ]));
    expect(rows).toEqual([{
      row: 0, url: 'https://archive.example/get?ID=1', fits: true, title: 'M 31 r band', band: '550 nm–700 nm', exposureSeconds: 300,
      date: '2020-05-31T12:00:00Z', sizeBytes: 20000, format: 'image/fits', preview: 'https://archive.example/p/1.jpg',
    }]);
  });

  it('takes an SIA 1 bandpass and byte size by UCD, and leaves out rows without an http URL', () => {
    const cols = [
      column('Title', 'VOX:Image_Title'), column('url', 'VOX:Image_AccessReference;meta.ref.url'), column('fmt', 'VOX:Image_Format;meta.code.mime'),
      column('band', 'VOX:BandPass_ID'), column('bytes', 'VOX:Image_FileSize', null, 'long'),
    ];
    const rows = imageRows(table(cols, [
      ['DSS red', 'http://sia.example/a.fits', 'image/fits', 'R', 4_000_000],
      ['broken', 'javascript:alert(1)', 'image/fits', 'R', 1],
      ['JPEG', 'http://sia.example/a.jpg', 'image/jpeg', 'R', null],
    ]));
    expect(rows.map(r => [r.row, r.title, r.band, r.sizeBytes, r.fits])).toEqual([[0, 'DSS red', 'R', 4_000_000, true], [2, 'JPEG', 'R', null, false]]);
  });

  it('falls back to the obs_id and then the file name for the title, and finds nothing in a table without access URLs', () => {
    const cols = [column('obs_id', 'meta.id'), column('access_url', 'meta.ref.url')];
    expect(imageRows(table(cols, [['', 'https://h/x/field%201.fits'], ['id-2', 'https://h/y.fits']])).map(r => r.title)).toEqual(['field 1.fits', 'id-2']);
    expect(imageRows(table([column('ra', 'pos.eq.ra', 'deg', 'double')], [[1]]))).toEqual([]);
  });
});

describe('mjdToIso and sizes', () => {
  it('converts MJD to UTC', () => {
    expect(mjdToIso(51544.5)).toBe('2000-01-01T12:00:00Z');
    expect(mjdToIso(40587)).toBe('1970-01-01T00:00:00Z');
    expect(mjdToIso(-3)).toBeNull();
  });

  it('reads byte sizes in their units', () => {
    expect(sizeInBytes('3', 'kbyte')).toBe(3000);
    expect(sizeInBytes(2, 'KiB')).toBe(2048);
    expect(sizeInBytes(1.5, 'MB')).toBe(1_500_000);
    expect(sizeInBytes(10, null)).toBe(10);
    expect(sizeInBytes('x', null)).toBeNull();
  });

  it('writes wavelengths in a fitting unit', () => {
    expect(wavelength(6.5e-7)).toBe('650 nm');
    expect(wavelength(2.2e-6)).toBe('2.2 µm');
    expect(wavelength(0.21)).toBe('210 mm');
  });
});

describe('downloadNames', () => {
  const image = (url: string, title: string, fits = true) => ({ row: 0, url, fits, title, band: null, exposureSeconds: null, date: null, sizeBytes: null, format: null, preview: null });

  it('keeps file names, names query URLs by title with .fits, and never repeats a name', () => {
    expect(downloadNames([
      image('https://a/x/m31.fits', 't'), image('https://b/y/m31.fits', 't'), image('https://a/get?ID=7', 'M 31 / r'), image('https://a/p.jpg', 'j', false),
    ])).toEqual(['m31.fits', '2-m31.fits', 'M_31_r.fits', 'p.jpg']);
  });

  it('never lets a name climb out of its folder', () => {
    expect(fileName('https://a/%2E%2E%2Fetc')).toBe('../etc');
    expect(downloadNames([image('https://a/get', '../../etc/passwd')])).toEqual(['etc_passwd.fits']);
  });
});
