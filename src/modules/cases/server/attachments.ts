/**
 * Attachment intake: the type comes from the bytes (file-type), never the name or the declared
 * type; images are decoded and re-encoded with sharp, which drops EXIF/XMP/GPS metadata (a photo's
 * GPS tag can reveal where a denouncer lives, LAW-DENUNC-11). PDFs are kept as sent.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { DomainError, validationFailed } from '../../../core/contract/errors.js';
import { newId } from '../../../core/contract/ids.js';
import type { BlobStorage } from '../../../core/storage/index.js';
import type { Insertable } from 'kysely';
import { CASE_FILE_NAME_MAX, type CaseModuleSettings } from '../contract.js';
import type { CasesAttachmentsTable } from '../db/tables.js';

/** A file as received from a form or an API call. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

/** A validated, re-encoded attachment ready to store. */
export interface PreparedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  isImage: boolean;
}

const EXTENSION_BY_TYPE: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);

/** A safe display name: no path, no control characters, bounded length, extension matching the real type. */
export function sanitiseFileName(name: string, contentType: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, CASE_FILE_NAME_MAX - 6) || 'tep-dinh-kem';
  return `${stem}.${EXTENSION_BY_TYPE[contentType] ?? 'bin'}`;
}

// The field error carries the same params as the problem, so the form's message names the file too
// ("Tệp thứ 2 …", not "Tệp thứ {index} …").
const tooLarge = (index: number, maxBytes: number) => {
  const params = { index: index + 1, max: Math.round((maxBytes / (1024 * 1024)) * 10) / 10 };
  return new DomainError('payload_too_large', 'cases.errors.attachmentTooLarge', params, [{ field: `attachments.${index}`, messageKey: 'cases.errors.attachmentTooLarge', params }]);
};

const unsupported = (index: number) =>
  new DomainError('unsupported_media_type', 'cases.errors.attachmentType', { index: index + 1 }, [{ field: `attachments.${index}`, messageKey: 'cases.errors.attachmentType', params: { index: index + 1 } }]);

// A chosen file with nothing in it (a photo still in the cloud, a failed copy): the resident picks it again.
const empty = (index: number) =>
  new DomainError('validation', 'cases.errors.attachmentEmpty', { index: index + 1 }, [{ field: `attachments.${index}`, messageKey: 'cases.errors.attachmentEmpty', params: { index: index + 1 } }]);

async function reencodeImage(bytes: Buffer, detected: string, index: number): Promise<{ bytes: Buffer; contentType: string; width: number; height: number }> {
  try {
    // .rotate() applies the EXIF orientation before the metadata is dropped; sharp writes no metadata by default.
    const pipeline = sharp(bytes, { failOn: 'error', limitInputPixels: 40_000_000 }).rotate();
    const encoded =
      detected === 'image/png'
        ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
        : detected === 'image/webp'
          ? await pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true })
          : await pipeline.jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const contentType = detected === 'image/png' ? 'image/png' : detected === 'image/webp' ? 'image/webp' : 'image/jpeg';
    return { bytes: encoded.data, contentType, width: encoded.info.width, height: encoded.info.height };
  } catch {
    // HEIC without a decoder, truncated or hostile images: refuse rather than store what we cannot clean.
    throw unsupported(index);
  }
}

/** Validate count, size and type of every file, then re-encode images. Throws 400/413/415 domain errors. */
export async function prepareAttachments(files: readonly UploadedFile[], settings: Pick<CaseModuleSettings, 'maxAttachments' | 'attachmentMaxBytes'>): Promise<PreparedAttachment[]> {
  if (files.length > settings.maxAttachments) {
    throw validationFailed([{ field: 'attachments', messageKey: 'errors.field.tooMany', params: { max: settings.maxAttachments } }]);
  }
  const prepared: PreparedAttachment[] = [];
  // Ids in the order the files came: a UUIDv7 sorts by time only to the millisecond, and files read
  // in the same one would be listed in random order. Each id is drawn at least 1 ms after the last.
  let lastIdTime = 0;
  for (const [index, file] of files.entries()) {
    if (file.bytes.length > settings.attachmentMaxBytes) throw tooLarge(index, settings.attachmentMaxBytes);
    if (file.bytes.length === 0) throw empty(index);
    const detected = (await fileTypeFromBuffer(file.bytes))?.mime;
    if (!detected || !(IMAGE_TYPES.has(detected) || detected === 'application/pdf')) throw unsupported(index);
    let result: { bytes: Buffer; contentType: string; width: number | null; height: number | null };
    if (detected === 'application/pdf') {
      result = { bytes: file.bytes, contentType: 'application/pdf', width: null, height: null };
    } else {
      result = await reencodeImage(file.bytes, detected, index);
      if (result.bytes.length > settings.attachmentMaxBytes) throw tooLarge(index, settings.attachmentMaxBytes);
    }
    lastIdTime = Math.max(Date.now(), lastIdTime + 1);
    prepared.push({
      id: newId(lastIdTime),
      fileName: sanitiseFileName(file.fileName, result.contentType),
      contentType: result.contentType,
      bytes: result.bytes,
      sha256: createHash('sha256').update(result.bytes).digest('hex'),
      width: result.width,
      height: result.height,
      isImage: result.contentType.startsWith('image/'),
    });
  }
  return prepared;
}

export function attachmentStorageKey(communeId: string, attachmentId: string): string {
  return `cases/${communeId}/${attachmentId}`;
}

/** The row of a prepared attachment of a case; who may see it is the caller's decision. */
export function attachmentRow(attachment: PreparedAttachment, where: { communeId: string; caseId: string }, options: { isPublic: boolean; uploadedBy: string | null; createdAt: string }): Required<Insertable<CasesAttachmentsTable>> {
  return {
    commune_id: where.communeId,
    id: attachment.id,
    case_id: where.caseId,
    storage_key: attachmentStorageKey(where.communeId, attachment.id),
    file_name: attachment.fileName,
    content_type: attachment.contentType,
    byte_size: attachment.bytes.length,
    sha256: attachment.sha256,
    width: attachment.width,
    height: attachment.height,
    is_public: options.isPublic ? 1 : 0,
    uploaded_by: options.uploadedBy,
    created_at: options.createdAt,
  };
}

/** Write blobs before the transaction; the caller deletes them again if the transaction fails. */
export async function storeAttachmentBlobs(storage: BlobStorage, communeId: string, attachments: readonly PreparedAttachment[]): Promise<string[]> {
  const keys: string[] = [];
  try {
    for (const attachment of attachments) {
      const key = attachmentStorageKey(communeId, attachment.id);
      await storage.put(key, attachment.bytes, attachment.contentType);
      keys.push(key);
    }
  } catch (error) {
    await deleteBlobsQuietly(storage, keys);
    throw error;
  }
  return keys;
}

export async function deleteBlobsQuietly(storage: BlobStorage, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => storage.delete(key).catch(() => undefined)));
}

/** RFC 6266/5987 Content-Disposition: ASCII fallback plus the UTF-8 name. */
export function contentDisposition(fileName: string, isInline: boolean): string {
  const ascii = fileName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${isInline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
