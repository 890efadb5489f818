/** Shared by the Open311 integration tests: the demo partner's key and a valid request's fields. */

/** The Open311 key of the demo commune's partner app (README; accepted in demo mode only). */
export const OPEN311_DEMO_KEY = 'nhuquynh-demo-key';

/** The form fields of a valid `POST /open311/v2/requests` for `serviceCode`, with `extra` added or replaced. */
export function open311RequestFields(serviceCode: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: OPEN311_DEMO_KEY,
    service_code: serviceCode,
    lat: '21.0012',
    long: '105.9871',
    description: 'Đèn đường trước nhà văn hóa tổ dân phố bị hỏng đã một tuần, buổi tối rất tối.',
    first_name: 'Lan',
    last_name: 'Nguyễn Thị',
    phone: '0912 345 678',
    'attribute[submitter_address]': 'Số 12 ngõ 5, tổ dân phố Như Quỳnh 1',
    ...extra,
  };
}
