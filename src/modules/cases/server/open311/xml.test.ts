import { describe, expect, it } from 'vitest';
import { escapeXml, toXmlDocument } from './xml.js';

describe('Open311 XML serializer', () => {
  it('writes a declaration and lists as repeated singular elements', () => {
    const xml = toXmlDocument('services', [
      { service_code: 'a', metadata: true },
      { service_code: 'b', metadata: false },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a</service_code><metadata>true</metadata></service><service><service_code>b</service_code><metadata>false</metadata></service></services>\n',
    );
  });

  it('escapes markup, keeps Vietnamese text and drops characters XML cannot carry', () => {
    expect(escapeXml('Đường <b>"ngập"</b> & \'hỏng\'\u0001')).toBe('Đường &lt;b&gt;&quot;ngập&quot;&lt;/b&gt; &amp; &apos;hỏng&apos;');
    expect(toXmlDocument('errors', [{ code: 403, description: 'Sai khóa' }])).toContain('<errors><error><code>403</code><description>Sai khóa</description></error></errors>');
  });

  it('nests lists inside objects and writes empty values as empty elements', () => {
    const xml = toXmlDocument('service_definition', { service_code: 'x', attributes: [{ code: 'area', values: [{ key: 'k', name: 'N' }] }], note: null, skipped: undefined });
    expect(xml).toContain('<service_definition><service_code>x</service_code><attributes><attribute><code>area</code><values><value><key>k</key><name>N</name></value></values></attribute></attributes><note/></service_definition>');
  });
});
