// A minimal XML-RPC client codec for the SAMP Web Profile (XML-RPC spec, http://xmlrpc.com/spec.md). Requests are
// built as DOM nodes and serialised by the XML serialiser, so every value is escaped by the XML writer (never pasted
// into markup). Responses are read from a parsed DOM in both encodings real hubs use: typed
// (`<value><string>text</string></value>`, astropy) and untyped (`<value>text</value>`, JSAMP; a string by the
// XML-RPC rules, `<value></value>` the empty string).

/** An XML-RPC value. SAMP itself uses only strings, lists and maps; numbers and booleans are read for completeness. */
export type XmlRpcValue = string | number | boolean | XmlRpcValue[] | XmlRpcStruct;

/** An XML-RPC struct (a SAMP map). */
export interface XmlRpcStruct {
  [name: string]: XmlRpcValue;
}

/** The XML parser and serialiser: the browser's by default; tests pass another W3C DOM implementation. */
export interface XmlDom {
  /** A new, empty XML document (no root element). */
  createDocument(): Document;
  /** Parses text as XML; a document that is not well formed may throw or contain a parsererror element. */
  parse(text: string): Document;
  serialize(document: Document): string;
}

export const browserXml: XmlDom = {
  createDocument: () => document.implementation.createDocument(null, null, null),
  parse: text => new DOMParser().parseFromString(text, 'text/xml'),
  serialize: doc => new XMLSerializer().serializeToString(doc),
};

/** The server answered with an XML-RPC fault. */
export class XmlRpcFault extends Error {
  constructor(readonly code: number, readonly faultString: string) {
    super(faultString || `XML-RPC fault ${code}`);
    this.name = 'XmlRpcFault';
  }
}

/** The text was not an XML-RPC message, or a value cannot be written as one. */
export class XmlRpcFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcFormatError';
  }
}

// XML 1.0 allows tab, line feed, carriage return and U+0020 upwards except the surrogate block ends and FFFE/FFFF.
// A serialiser would write the others anyway and every hub's parser would then refuse the whole request.
const invalidXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The text of a methodCall for `method` with these parameters. */
export function encodeCall(method: string, params: readonly XmlRpcValue[], xml: XmlDom = browserXml): string {
  const doc = xml.createDocument();
  const call = doc.createElementNS(null, 'methodCall');
  doc.appendChild(call);
  const name = child(doc, call, 'methodName');
  checkText(method, 'the method name');
  name.appendChild(doc.createTextNode(method));
  const list = child(doc, call, 'params');
  for (const param of params) {
    child(doc, child(doc, list, 'param'), 'value').appendChild(encodeValue(doc, param));
  }
  return xmlDeclaration + xml.serialize(doc);
}

/** The text of a methodResponse carrying one value (what a server answers; tests use it to read hubs' answers back). */
export function encodeResponse(value: XmlRpcValue, xml: XmlDom = browserXml): string {
  const doc = xml.createDocument();
  const response = doc.createElementNS(null, 'methodResponse');
  doc.appendChild(response);
  child(doc, child(doc, child(doc, response, 'params'), 'param'), 'value').appendChild(encodeValue(doc, value));
  return xmlDeclaration + xml.serialize(doc);
}

/** The value of a methodResponse; a fault is thrown as XmlRpcFault, anything else unreadable as XmlRpcFormatError. */
export function decodeResponse(text: string, xml: XmlDom = browserXml): XmlRpcValue {
  const root = rootOf(text, xml, 'methodResponse');
  const [first] = elements(root);
  if (first?.localName === 'fault') {
    const fault = decodeValue(single(first, 'value', 'fault'));
    const struct = isStruct(fault) ? fault : {};
    const code = struct.faultCode;
    throw new XmlRpcFault(typeof code === 'number' ? code : Number(code ?? 0) || 0, String(struct.faultString ?? ''));
  }
  if (first?.localName !== 'params') {
    throw new XmlRpcFormatError('the methodResponse holds neither params nor a fault');
  }
  const params = elements(first).filter(e => e.localName === 'param');
  if (params.length !== 1) {
    throw new XmlRpcFormatError(`a methodResponse must hold one param, not ${params.length}`);
  }
  return decodeValue(single(params[0] as Element, 'value', 'param'));
}

/** The method name and parameters of a methodCall. */
export function decodeCall(text: string, xml: XmlDom = browserXml): { method: string; params: XmlRpcValue[] } {
  const root = rootOf(text, xml, 'methodCall');
  const method = single(root, 'methodName', 'methodCall').textContent ?? '';
  const params = elements(root).find(e => e.localName === 'params');
  return {
    method,
    params: params ? elements(params).filter(e => e.localName === 'param').map(p => decodeValue(single(p, 'value', 'param'))) : [],
  };
}

export function isStruct(value: XmlRpcValue | undefined): value is XmlRpcStruct {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encodeValue(doc: Document, value: XmlRpcValue): Node {
  if (typeof value === 'string') {
    checkText(value, 'a string');
    const element = doc.createElementNS(null, 'string');
    element.appendChild(doc.createTextNode(value));
    return element;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new XmlRpcFormatError(`${value} cannot be sent: XML-RPC has no infinities or NaN`);
    }
    const integer = Number.isInteger(value) && Math.abs(value) <= 2147483647;
    const element = doc.createElementNS(null, integer ? 'int' : 'double');
    // Number's own text is locale-free ("1.5e-7", never "1,5").
    element.appendChild(doc.createTextNode(String(value)));
    return element;
  }
  if (typeof value === 'boolean') {
    const element = doc.createElementNS(null, 'boolean');
    element.appendChild(doc.createTextNode(value ? '1' : '0'));
    return element;
  }
  if (Array.isArray(value)) {
    const array = doc.createElementNS(null, 'array');
    const data = child(doc, array, 'data');
    for (const item of value) {
      child(doc, data, 'value').appendChild(encodeValue(doc, item));
    }
    return array;
  }
  const struct = doc.createElementNS(null, 'struct');
  for (const [name, item] of Object.entries(value)) {
    const member = child(doc, struct, 'member');
    checkText(name, 'a member name');
    child(doc, member, 'name').appendChild(doc.createTextNode(name));
    child(doc, member, 'value').appendChild(encodeValue(doc, item));
  }
  return struct;
}

function decodeValue(value: Element): XmlRpcValue {
  const typed = elements(value);
  if (typed.length === 0) {
    // Untyped: the text is the string, whitespace and all.
    return value.textContent ?? '';
  }
  if (typed.length > 1) {
    throw new XmlRpcFormatError(`a value holds ${typed.length} elements (${typed.map(e => e.localName).join(', ')})`);
  }
  const element = typed[0] as Element;
  const text = element.textContent ?? '';
  switch (element.localName) {
    case 'string':
    case 'dateTime.iso8601':
    case 'base64':
      return text;
    case 'int':
    case 'i4':
    case 'i8': {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) {
        throw new XmlRpcFormatError(`"${text}" is not an integer`);
      }
      return Number(text);
    }
    case 'double': {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n)) {
        throw new XmlRpcFormatError(`"${text}" is not a double`);
      }
      return n;
    }
    case 'boolean': {
      const t = text.trim();
      if (t !== '0' && t !== '1') {
        throw new XmlRpcFormatError(`"${text}" is not a boolean (0 or 1)`);
      }
      return t === '1';
    }
    case 'nil':
      return '';
    case 'array': {
      const data = single(element, 'data', 'array');
      return elements(data).filter(e => e.localName === 'value').map(decodeValue);
    }
    case 'struct': {
      const struct: XmlRpcStruct = {};
      for (const member of elements(element).filter(e => e.localName === 'member')) {
        const name = single(member, 'name', 'member').textContent ?? '';
        struct[name] = decodeValue(single(member, 'value', 'member'));
      }
      return struct;
    }
    default:
      throw new XmlRpcFormatError(`unknown XML-RPC type <${element.localName}>`);
  }
}

function rootOf(text: string, xml: XmlDom, expected: string): Element {
  let doc: Document;
  try {
    doc = xml.parse(text);
  } catch (error) {
    throw new XmlRpcFormatError(`the answer is not XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = doc.documentElement;
  if (!root || root.getElementsByTagName('parsererror').length > 0 || root.localName === 'parsererror') {
    throw new XmlRpcFormatError('the answer is not well-formed XML');
  }
  if (root.localName !== expected) {
    throw new XmlRpcFormatError(`expected <${expected}>, got <${root.localName}>`);
  }
  return root;
}

function child(doc: Document, parent: Node, name: string): Element {
  const element = doc.createElementNS(null, name);
  parent.appendChild(element);
  return element;
}

/** The element children (whitespace and comments between them ignored). */
function elements(parent: Element): Element[] {
  const list: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      list.push(node as Element);
    }
  }
  return list;
}

function single(parent: Element, name: string, where: string): Element {
  const found = elements(parent).find(e => e.localName === name);
  if (!found) {
    throw new XmlRpcFormatError(`<${where}> has no <${name}>`);
  }
  return found;
}

function checkText(text: string, what: string): void {
  const bad = invalidXmlChar.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new XmlRpcFormatError(`${what} holds U+${code} at character ${bad.index + 1}, which XML cannot carry`);
  }
}
