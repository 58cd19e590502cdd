import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import astropyEmptyArray from './fixtures/astropy-empty-array.xml?raw';
import astropyEmptyString from './fixtures/astropy-empty-string.xml?raw';
import astropyEmptyStruct from './fixtures/astropy-empty-struct.xml?raw';
import astropyFaultInvalidKey from './fixtures/astropy-fault-invalid-key.xml?raw';
import astropyRegisterTyped from './fixtures/astropy-register-typed.xml?raw';
import jsampEmptyValue from './fixtures/jsamp-empty-value.xml?raw';
import jsampFaultUnknownKey from './fixtures/jsamp-fault-unknown-key.xml?raw';
import jsampPullCallbacksRegisterEvent from './fixtures/jsamp-pull-callbacks-register-event.xml?raw';
import jsampRegisterUntyped from './fixtures/jsamp-register-untyped.xml?raw';
import { decodeCall, decodeResponse, encodeCall, encodeResponse, XmlRpcFault, XmlRpcFormatError, type XmlDom, type XmlRpcValue } from '../../src/samp/xmlrpc';

// Node has no DOM: a W3C DOM implementation stands in for the browser's DOMParser and XMLSerializer (the browser
// tests run the same code on Chromium's against real hubs). The fixtures are answers recorded from the real hubs by
// fixtures/make_fixtures.sh: JSAMP's untyped values, astropy's typed ones.
const xml: XmlDom = {
  createDocument: () => new DOMImplementation().createDocument(null, '') as unknown as Document,
  parse: text => new DOMParser({ onError: (level, message) => { if (level !== 'warning') { throw new Error(message); } } }).parseFromString(text, 'text/xml') as unknown as Document,
  serialize: doc => new XMLSerializer().serializeToString(doc as unknown as Parameters<XMLSerializer['serializeToString']>[0]),
};


describe('encodeCall', () => {
  it('escapes markup characters in strings, member names and the method name, and reads them back unchanged', () => {
    const hostile = '<script>alert("x")</script> & </value></param> ]]> \'quoted\'';
    const text = encodeCall('samp.webhub.notifyAll', ['key&<>', { [hostile]: hostile, 'samp.params': { name: hostile } }], xml);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('</value></param> ]]>');
    expect(text).toContain('&lt;script');
    expect(text).toContain('key&amp;&lt;');
    const call = decodeCall(text, xml);
    expect(call.method).toBe('samp.webhub.notifyAll');
    expect(call.params).toEqual(['key&<>', { [hostile]: hostile, 'samp.params': { name: hostile } }]);
  });

  it('writes strings typed, lists as array/data and maps as struct/member, in order', () => {
    const text = encodeCall('m', [['a', { k: 'v' }], {}], xml);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>m</methodName><params>')).toBe(true);
    expect(text).toContain('<param><value><array><data><value><string>a</string></value><value><struct><member><name>k</name><value><string>v</string></value></member></struct></value></data></array></value></param>');
    expect(text).toContain('<param><value><struct/></value></param>');
  });

  it('keeps non-ASCII text, white space and empty strings', () => {
    const values: XmlRpcValue[] = ['Gaia DR3 — Ω², 東京', '  two  spaces\tand a tab\nand a line  ', ''];
    expect(decodeCall(encodeCall('m', values, xml), xml).params).toEqual(values);
  });

  it('writes numbers and booleans as int, double and boolean, locale-free', () => {
    const text = encodeCall('m', [42, -7.8988, 1.5e-7, true, false], xml);
    expect(text).toContain('<int>42</int>');
    expect(text).toContain('<double>-7.8988</double>');
    expect(text).toContain('<double>1.5e-7</double>');
    expect(text).toContain('<boolean>1</boolean>');
    expect(decodeCall(text, xml).params).toEqual([42, -7.8988, 1.5e-7, true, false]);
  });

  it('refuses characters XML cannot carry, naming where they are', () => {
    expect(() => encodeCall('m', ['ok', { name: 'bell\u0007' }], xml)).toThrow(new XmlRpcFormatError('a string holds U+0007 at character 5, which XML cannot carry'));
    expect(() => encodeCall('m', [Number.NaN], xml)).toThrow(XmlRpcFormatError);
  });
});

describe('decodeResponse', () => {
  it('reads JSAMP\'s untyped values as strings (its registration answer)', () => {
    const answer = decodeResponse(jsampRegisterUntyped, xml);
    expect(answer).toMatchObject({ 'samp.hub-id': 'hub', 'samp.self-id': 'c1' });
    const map = answer as Record<string, string>;
    expect(map['samp.private-key']).toMatch(/^wk:\d+_[a-z]+$/);
    expect(map['samp.url-translator']).toBe(`http://127.0.0.1:21012/proxied/${map['samp.private-key']}?`);
  });

  it('reads astropy\'s typed values as the same strings (its registration answer)', () => {
    const answer = decodeResponse(astropyRegisterTyped, xml) as Record<string, string>;
    expect(answer['samp.self-id']).toBe('cli#1');
    expect(answer['samp.hub-id']).toBe('cli#hub');
    expect(answer['samp.url-translator']).toBe(`http://localhost:21012/translator/${answer['samp.private-key']}?ref=`);
  });

  it('reads an empty untyped value as the empty string, as an empty typed string is', () => {
    expect(decodeResponse(jsampEmptyValue, xml)).toBe('');
    expect(decodeResponse(astropyEmptyString, xml)).toBe('');
  });

  it('reads empty maps and lists written across lines', () => {
    expect(decodeResponse(astropyEmptyStruct, xml)).toEqual({});
    expect(decodeResponse(astropyEmptyArray, xml)).toEqual([]);
  });

  it('reads nested lists and maps of untyped values (a hub event from pullCallbacks)', () => {
    expect(decodeResponse(jsampPullCallbacksRegisterEvent, xml)).toEqual([
      {
        'samp.methodName': 'receiveNotification',
        'samp.params': ['hub', { 'samp.mtype': 'samp.hub.event.register', 'samp.params': { id: 'c2' } }],
      },
    ]);
  });

  it('throws each hub\'s fault with its code and words', () => {
    expect(() => decodeResponse(jsampFaultUnknownKey, xml))
      .toThrow(new XmlRpcFault(1, 'org.astrogrid.samp.client.SampException: Unknown client key'));
    try {
      decodeResponse(astropyFaultInvalidKey, xml);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(XmlRpcFault);
      expect((error as XmlRpcFault).code).toBe(5);
      expect((error as XmlRpcFault).message).toBe('Private-key nokey expired or invalid.');
    }
  });

  it('reads i4, int, double, boolean and escaped text in both encodings', () => {
    const text = '<?xml version="1.0"?><methodResponse><params><param><value><array><data>'
      + '<value><i4>-12</i4></value><value><int> 7 </int></value><value><double>-7.8988</double></value>'
      + '<value><boolean>1</boolean></value><value>a &lt;b&gt; &amp; c</value><value><string>&lt;i&gt;x&lt;/i&gt;</string></value>'
      + '<value><![CDATA[<raw & text>]]></value>'
      + '</data></array></value></param></params></methodResponse>';
    expect(decodeResponse(text, xml)).toEqual([-12, 7, -7.8988, true, 'a <b> & c', '<i>x</i>', '<raw & text>']);
  });

  it('round-trips what encodeResponse writes', () => {
    const value = { 'samp.status': 'samp.error', 'samp.error': { 'samp.errortxt': 'Duplicate table-id <das-1>' }, list: ['', 'x'] };
    expect(decodeResponse(encodeResponse(value, xml), xml)).toEqual(value);
  });

  it.each([
    ['text that is not XML', 'Connection refused', /not (well-formed )?XML/],
    ['an HTML page', '<html><body>proxy error</body></html>', /expected <methodResponse>, got <html>/],
    ['an unknown type', '<methodResponse><params><param><value><float>1</float></value></param></params></methodResponse>', /unknown XML-RPC type <float>/],
    ['a bad integer', '<methodResponse><params><param><value><int>1.5</int></value></param></params></methodResponse>', /"1.5" is not an integer/],
    ['no param', '<methodResponse><params></params></methodResponse>', /must hold one param, not 0/],
  ])('refuses %s with a specific message', (_what, text, message) => {
    expect(() => decodeResponse(text, xml)).toThrow(XmlRpcFormatError);
    expect(() => decodeResponse(text, xml)).toThrow(message);
  });
});
