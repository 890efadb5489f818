/** Format selection by suffix (`.xml` / `.json`) and the two renderings of one Open311 document. */
import type { FastifyReply } from 'fastify';
import { toXmlDocument, type XmlValue } from './xml.js';

export type Open311Format = 'xml' | 'json';
export const OPEN311_FORMATS: readonly Open311Format[] = ['xml', 'json'];
export const OPEN311_MIME: Readonly<Record<Open311Format, string>> = { xml: 'text/xml', json: 'application/json' };

/**
 * Split `NQ-2611-7KX3M.json` into the resource id and the format; null when the suffix is unknown.
 * `file` is the path parameter, which the router has already percent-decoded: decoding it again
 * would read `%2541` as `A` and throw on `%25E0` (a crash answered as "service unavailable").
 */
export function splitFormat(file: string): { id: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const suffix = file.slice(dot + 1).toLowerCase();
  if (suffix !== 'xml' && suffix !== 'json') return null;
  return { id: file.slice(0, dot), format: suffix };
}

/**
 * Send a document: XML as `<root>` with the declaration; JSON as the mechanical mapping of the XML,
 * i.e. the list itself (top-level array) for list roots, or the object for single documents.
 */
export function sendDocument(reply: FastifyReply, format: Open311Format, rootName: string, value: XmlValue, status = 200): FastifyReply {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXmlDocument(rootName, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}
