// The XML documents of GeoReport v2: the same fields as the JSON, under the spec's root elements, each
// list item in its own element (<service>, <attribute>, <value>, <request>, <error>, <endpoint>, <format>).

type Scalar = string | number | boolean | null | undefined;
/** A value to write: a scalar, a list (of named items), or a record of fields. */
export type XmlValue = Scalar | XmlList | { [field: string]: XmlValue };
export interface XmlList {
  item: string;
  items: XmlValue[];
}

export const xmlList = (item: string, items: XmlValue[]): XmlList => ({ item, items });

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry are dropped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const isList = (value: XmlValue): value is XmlList =>
  typeof value === 'object' &&
  value !== null &&
  'item' in value &&
  'items' in value &&
  Array.isArray(value.items);

function element(name: string, value: XmlValue, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${name}/>`;
  if (typeof value !== 'object') return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
  const children = isList(value)
    ? value.items.map((item) => element(value.item, item, `${indent}  `))
    : Object.entries(value).map(([field, child]) => element(field, child, `${indent}  `));
  if (children.length === 0) return `${indent}<${name}/>`;
  return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`;
}

/** A whole document: the XML declaration the spec asks for, then the root element. */
export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}\n`;
}
