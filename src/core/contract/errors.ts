/**
 * The small set of domain errors services throw; core/http maps each to an RFC 9457 problem.
 * `messageKey` is an i18n key; `params` fill its placeholders.
 */
export type DomainErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'invalid_state' | 'rate_limited' | 'payload_too_large' | 'unsupported_media_type';

export interface FieldError {
  /** Dotted path of the field, e.g. `description` or `attachments.0`. */
  field: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(messageKey);
    this.name = 'DomainError';
  }
}

export const notFound = (messageKey = 'errors.notFound', params?: Record<string, string | number>) => new DomainError('not_found', messageKey, params);
export const forbidden = (messageKey = 'errors.forbidden', params?: Record<string, string | number>) => new DomainError('forbidden', messageKey, params);
export const unauthenticated = (messageKey = 'errors.unauthenticated') => new DomainError('unauthenticated', messageKey);
export const conflict = (messageKey = 'errors.conflict', params?: Record<string, string | number>) => new DomainError('conflict', messageKey, params);
export const invalidState = (messageKey = 'errors.invalidState', params?: Record<string, string | number>) => new DomainError('invalid_state', messageKey, params);
export const validationFailed = (fieldErrors: FieldError[], messageKey = 'errors.validation') => new DomainError('validation', messageKey, {}, fieldErrors);

export const statusByKind: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** The problem+json body every error response uses (RFC 9457), with field errors as an extension. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
  requestId?: string;
}
