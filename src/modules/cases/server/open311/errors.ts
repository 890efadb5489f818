/**
 * Open311 errors: a coarse HTTP status (404 unknown resource, 403 bad api_key, 400 everything
 * else) and a list of `{code, description}` with user-readable descriptions in the request's
 * language. The messages live here (Open311 wording, not the JSON API's problem+json).
 */
import type { Locale } from '../../../../core/i18n/translate.js';

export type Open311Status = 400 | 403 | 404;

export type Open311ErrorItem = { code: number | string; description: string };

const messages = {
  vi: {
    apiKey: 'Khóa API (api_key) không hợp lệ hoặc đã bị thu hồi.',
    apiKeyMissing: 'Thiếu khóa API (api_key).',
    apiKeyRepeated: 'Khóa API (api_key) chỉ được gửi một lần; yêu cầu có nhiều khóa bị từ chối.',
    repeated: 'Tham số "{value}" chỉ được gửi một lần; yêu cầu gửi nó nhiều lần bị từ chối.',
    notText: 'Tham số "{value}" phải là văn bản.',
    jurisdiction: 'Không có đơn vị hành chính với mã jurisdiction_id "{value}".',
    jurisdictionRequired: 'Máy chủ phục vụ nhiều xã: cần tham số jurisdiction_id.',
    service: 'Không có loại yêu cầu (service_code) "{value}".',
    request: 'Không có yêu cầu với mã "{value}".',
    token: 'Mã tạm (token) "{value}" không tồn tại: hệ thống cấp mã yêu cầu ngay khi nhận (realtime).',
    format: 'Định dạng "{value}" không được hỗ trợ; dùng .xml hoặc .json.',
    required: 'Thiếu tham số bắt buộc "{value}".',
    invalid: 'Giá trị của "{value}" không hợp lệ.',
    location: 'Cần một vị trí: lat và long, hoặc address_string, hoặc address_id.',
    latLong: 'lat và long phải được gửi cùng nhau.',
    dateRange: 'Khoảng thời gian start_date–end_date không được vượt quá 90 ngày.',
    dateOrder: 'start_date phải trước end_date.',
    dateTimezone: '"{value}" cần có múi giờ (Z hoặc ±HH:MM, ví dụ 2026-10-14T04:37:00+07:00), hoặc chỉ ghi ngày (YYYY-MM-DD, tính theo giờ Việt Nam).',
    tooLong: '"{value}" quá dài.',
    tooShort: '"{value}" quá ngắn.',
    mediaUrl: '"media_url" phải là một địa chỉ http:// hoặc https:// đầy đủ tới ảnh đã được đăng tải (không chứa tên đăng nhập, mật khẩu).',
    attribute: 'Thuộc tính bắt buộc "{value}" chưa được trả lời hoặc có giá trị không hợp lệ.',
    attributeValue: 'Giá trị của thuộc tính "{value}" không nằm trong danh sách giá trị cho phép (values trong định nghĩa loại yêu cầu).',
    attributeSingle: 'Thuộc tính "{value}" chỉ nhận một giá trị; không gửi attribute[{value}] nhiều lần.',
    identity: 'Loại yêu cầu này cần thông tin người gửi: {value}.',
    unavailable: 'Dịch vụ tạm thời không xử lý được yêu cầu. Vui lòng thử lại sau.',
    notFound: 'Không tìm thấy tài nguyên.',
    badUrl: 'Địa chỉ (URL) có ký tự không đọc được: mã hóa lại đường dẫn theo UTF-8 (ví dụ %C4%90 cho "Đ").',
    mediaType: 'Nội dung yêu cầu phải được gửi dạng application/x-www-form-urlencoded (theo GeoReport v2) hoặc application/json; hệ thống không nhận tải tệp lên, ảnh gửi bằng đường dẫn media_url.',
    bodyTooLarge: 'Nội dung yêu cầu quá lớn; mô tả (description) tối đa {value} ký tự.',
  },
  en: {
    apiKey: 'The api_key is invalid or has been revoked.',
    apiKeyMissing: 'The api_key is missing.',
    apiKeyRepeated: 'Send api_key once: a request with several keys is refused.',
    repeated: 'Send "{value}" once: a request that repeats it is refused.',
    notText: 'The parameter "{value}" must be text.',
    jurisdiction: 'No jurisdiction with jurisdiction_id "{value}".',
    jurisdictionRequired: 'This endpoint serves several communes: jurisdiction_id is required.',
    service: 'No service with service_code "{value}".',
    request: 'No service request with id "{value}".',
    token: 'Token "{value}" does not exist: this endpoint assigns request ids at once (realtime).',
    format: 'Format "{value}" is not supported; use .xml or .json.',
    required: 'The required parameter "{value}" is missing.',
    invalid: 'The value of "{value}" is invalid.',
    location: 'A location is required: lat and long, or address_string, or address_id.',
    latLong: 'lat and long must be sent together.',
    dateRange: 'The start_date–end_date range must not exceed 90 days.',
    dateOrder: 'start_date must be before end_date.',
    dateTimezone: '"{value}" needs a timezone (Z or ±HH:MM, e.g. 2026-10-14T04:37:00+07:00), or a bare date (YYYY-MM-DD, read in Vietnam time).',
    tooLong: '"{value}" is too long.',
    tooShort: '"{value}" is too short.',
    mediaUrl: '"media_url" must be a full http:// or https:// address of an image already hosted elsewhere (no user name or password in it).',
    attribute: 'The required attribute "{value}" is missing or has an invalid value.',
    attributeValue: 'The value of the attribute "{value}" is not one of the allowed values (values in the service definition).',
    attributeSingle: 'The attribute "{value}" takes a single value; send attribute[{value}] once.',
    identity: 'This service needs the submitter\'s details: {value}.',
    unavailable: 'The service cannot process the request right now. Please try again later.',
    notFound: 'Resource not found.',
    badUrl: 'The URL has characters that cannot be read: percent-encode the path as UTF-8 (e.g. %C4%90 for "Đ").',
    mediaType: 'Send the request body as application/x-www-form-urlencoded (GeoReport v2) or application/json; uploads are not accepted, send a photo as a media_url link.',
    bodyTooLarge: 'The request body is too large; description takes at most {value} characters.',
  },
} as const;

export type Open311MessageKey = keyof (typeof messages)['vi'];

export function open311Message(locale: Locale, key: Open311MessageKey, value = ''): string {
  return messages[locale][key].replaceAll('{value}', value);
}

/** One error entry before translation. */
export type PendingError = { key: Open311MessageKey; value?: string } | { text: string };

/** Thrown by the Open311 routes; rendered as an error list in the requested format. */
export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly items: PendingError[],
  ) {
    super(`open311 ${status}: ${items.map((item) => ('key' in item ? item.key : 'text')).join(',')}`);
    this.name = 'Open311Error';
  }
}

/** The most of a value sent that an error repeats back: enough to recognise it, not a megabyte of it. */
const ECHOED_VALUE_MAX = 100;

/** A sent value as an error names it: cut to ECHOED_VALUE_MAX characters (whole characters), with "…" when cut. */
function echoed(value: string): string {
  const characters = Array.from(value);
  return characters.length > ECHOED_VALUE_MAX ? `${characters.slice(0, ECHOED_VALUE_MAX).join('')}…` : value;
}

export const open311Errors = {
  badRequest: (...items: PendingError[]) => new Open311Error(400, items),
  forbidden: (key: Open311MessageKey = 'apiKey') => new Open311Error(403, [{ key }]),
  notFound: (key: Open311MessageKey, value?: string) => new Open311Error(404, [{ key, ...(value === undefined ? {} : { value: echoed(value) }) }]),
};

export function translateErrors(error: Open311Error, locale: Locale): Open311ErrorItem[] {
  return error.items.map((item) => ({ code: error.status, description: 'text' in item ? item.text : open311Message(locale, item.key, item.value) }));
}
