/**
 * A tiny XML serializer for Open311 GeoReport v2 documents (schemaless, no namespace, UTF-8).
 * Objects become child elements in key order; an array becomes repeated elements named by
 * {@link singularOf} (`services` → `<services><service>…</service></services>`); `null`/`undefined`
 * become empty elements only when kept (keys whose value is undefined are dropped).
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The element name of one item inside a list element. */
const singulars: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  notes: 'note',
};

export function singularOf(listName: string): string {
  return singulars[listName] ?? (listName.endsWith('s') ? listName.slice(0, -1) : `${listName}_item`);
}

/** Characters XML 1.0 cannot carry at all (C0 controls except tab, line feed, carriage return; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for element content or a double-quoted attribute value; drops characters XML cannot represent. */
export function escapeXml(text: string): string {
  return text.replace(forbiddenCharacters, '').replace(/[&<>"']/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: XmlValue): string {
  if (!namePattern.test(name)) throw new Error(`Invalid XML element name: ${name}`);
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const itemName = singularOf(name);
    return `<${name}>${value.map((item) => element(itemName, item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => element(key, child))
      .join('');
    return children === '' ? `<${name}/>` : `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document with its declaration: `toXmlDocument('services', [...])`. */
export function toXmlDocument(rootName: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(rootName, value)}\n`;
}
