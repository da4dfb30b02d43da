// Safe XML reading for WeChat callbacks: no DTD, no entity expansion, size-capped, values kept as strings.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WechatError } from './wechat-error.js';

export const DEFAULT_MAX_XML_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Entities are decoded below for the five predefined ones only; nothing from a DTD is ever expanded.
  processEntities: false,
  // MsgId exceeds 2^53: numbers must stay strings.
  parseTagValue: false,
  cdataPropName: '__cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes &lt; &gt; &amp; &quot; &apos; and numeric references; any other entity is left as text. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return predefined[name] ?? whole;
  });
}

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return decodeEntities(node);
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    if (!keys.every((key) => key === '__cdata' || key === '#text')) return undefined;
    const cdata = record.__cdata;
    const parts = Array.isArray(cdata) ? cdata.map(String) : cdata === undefined ? [] : [String(cdata)];
    const text = typeof record['#text'] === 'string' ? decodeEntities(record['#text']) : '';
    return parts.join('') + text;
  }
  return undefined;
}

/**
 * Parses `<xml>…</xml>` into its top-level text fields (CDATA or not). Nested elements and repeated
 * tags are skipped: no reply we build needs them.
 */
export function parseMessageXml(xml: string, { maxBytes = DEFAULT_MAX_XML_BYTES }: { maxBytes?: number } = {}): Record<string, string> {
  if (Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new WechatError('xml_too_large', `XML body exceeds ${maxBytes} bytes`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new WechatError('xml_forbidden_dtd', 'XML with a DOCTYPE or ENTITY declaration is refused');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new WechatError('xml_invalid', `Invalid XML: ${valid.err.msg}`);
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    throw new WechatError('xml_invalid', 'Invalid XML', { cause: error });
  }
  const root = (document as Record<string, unknown> | undefined)?.xml;
  if (root === undefined) throw new WechatError('xml_invalid', 'The root element must be <xml>');
  const fields: Record<string, string> = {};
  if (root && typeof root === 'object') {
    for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
      const text = textOf(value);
      if (text !== undefined) fields[name] = text;
    }
  }
  return fields;
}
