// XML parsing for reports: no entity expansion (a DOCTYPE's entities are never read, so an
// entity bomb stays inert), only the five predefined entities and character references decoded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes `&lt;`-style entities and `&#10;`/`&#x41;` references in one pass (no recursion). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/**
 * Parses XML into plain objects: attributes as plain keys (strings), text as `#text`,
 * the element names in `arrays` always as arrays. Throws with a line number when malformed.
 */
export function parseXml(text: string, arrays: readonly string[]): XmlNode {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) throw new Error(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
    htmlEntities: false,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 200,
    attributeValueProcessor: (_name, value) => decodeEntities(value),
    tagValueProcessor: (_name, value) => decodeEntities(value),
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(text) as XmlNode;
}

/** The name and attributes of the root element, read from its start tag only (large files stay cheap). */
export function rootElement(text: string): { name: string; attributes: Record<string, string> } | undefined {
  let position = 0;
  for (;;) {
    const start = text.indexOf('<', position);
    if (start === -1) return undefined;
    if (text.startsWith('<?', start)) position = endOf(text, '?>', start);
    else if (text.startsWith('<!--', start)) position = endOf(text, '-->', start);
    else if (text.startsWith('<!DOCTYPE', start) || text.startsWith('<!doctype', start)) position = doctypeEnd(text, start);
    else break;
    if (position === -1) return undefined;
  }
  const start = text.indexOf('<', position);
  const end = startTagEnd(text, start);
  if (end === -1) return undefined;
  const tag = text.slice(start, end + 1);
  const selfClosed = tag.endsWith('/>') ? tag : `${tag.slice(0, -1)}/>`;
  const parsed = parseXml(selfClosed, []);
  const name = Object.keys(parsed)[0];
  if (!name) return undefined;
  const node = parsed[name];
  return { name, attributes: typeof node === 'object' && node !== null ? (node as Record<string, string>) : {} };
}

function endOf(text: string, marker: string, from: number): number {
  const index = text.indexOf(marker, from);
  return index === -1 ? -1 : index + marker.length;
}

/** The end of `<!DOCTYPE …>`, stepping over an internal subset in brackets. */
function doctypeEnd(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close === -1) return -1;
  if (bracket === -1 || bracket > close) return close + 1;
  const subsetEnd = text.indexOf(']', bracket);
  return subsetEnd === -1 ? -1 : endOf(text, '>', subsetEnd);
}

/** The index of the `>` closing a start tag, skipping `>` inside quoted attribute values. */
function startTagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let index = from + 1; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index;
    }
  }
  return -1;
}

/** Child elements of a node by name, always as an array. */
export function children(node: unknown, name: string): XmlNode[] {
  if (node === null || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'object' && item !== null ? (item as XmlNode) : { '#text': String(item) }));
}

export function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
