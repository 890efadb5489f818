/**
 * What a case's submitter is told about one event, when the status alone says nothing new (issue 3,
 * workflow review): an extension names the new deadline (LAW-DENUNC-06, LAW-DENUNC-02), a refusal
 * its legal ground (LAW-DENUNC-02, LAW-COMPLAINT-05, LAW-PAKN-03/04), a request for information what
 * is asked (LAW-BASE-10), a withdrawal that it was recorded (LAW-COMPLAINT-04, LAW-DENUNC-08).
 * Only the submitter gets these; followers keep the neutral `cases.status-changed-followed`.
 * Each ends with the recipient's stop link (LAW-PDP-04/05); SMS bodies are written without diacritics.
 */
/** One text of a template (the shape of `TemplateText` in templates.ts, which spreads this list in). */
interface NoticeText {
  subject: string;
  text: string;
  short: string;
}

const signature = '\n\n— Tiếng Dân, {communeName}';
const stopVi = '\n\nKhông muốn nhận tin về hồ sơ này nữa? Ngừng nhận tin: {unsubscribeUrl}';
const stopEn = '\n\nNo more messages about this case? Stop them: {unsubscribeUrl}';
const detailsVi = '\n\nXem chi tiết: {caseUrl}';
const detailsEn = '\n\nDetails: {caseUrl}';
const vi = (subject: string, body: string, short: string): NoticeText => ({ subject, text: body + detailsVi + stopVi + signature, short: `Tieng Dan: ${short} Xem: {caseUrl} Ngung nhan tin: {unsubscribeUrl}` });
const en = (subject: string, body: string, short: string): NoticeText => ({ subject, text: body + detailsEn + stopEn + signature, short: `Tieng Dan: ${short} See {caseUrl} Stop: {unsubscribeUrl}` });

export const caseNoticeTemplates: ReadonlyArray<{ key: string; vi: NoticeText; en: NoticeText }> = [
  {
    // LAW-DENUNC-02: the initial processing period of a denunciation extended (7 → up to 10 working days).
    key: 'cases.acceptance-extended',
    vi: vi(
      'Hồ sơ {trackingCode}: gia hạn thời hạn thụ lý đến {deadline}',
      'Thời hạn thụ lý hồ sơ {trackingCode} của bạn đã được gia hạn. Hạn mới: {deadline}.\n\nLý do: {reason}',
      'ho so {trackingCode} duoc gia han thoi han thu ly den {deadline}.',
    ),
    en: en(
      'Case {trackingCode}: acceptance review extended to {deadline}',
      'The time to decide whether to accept your case {trackingCode} has been extended. New deadline: {deadline}.\n\nReason: {reason}',
      'case {trackingCode}: acceptance review extended to {deadline}.',
    ),
  },
  {
    // LAW-DENUNC-06: the extension decision reaches the denouncer; any kind's extension names the new deadline.
    key: 'cases.deadline-extended',
    vi: vi(
      'Hồ sơ {trackingCode}: gia hạn giải quyết đến {deadline}',
      'Thời hạn giải quyết hồ sơ {trackingCode} của bạn đã được gia hạn. Hạn mới: {deadline}.\n\nLý do: {reason}',
      'ho so {trackingCode} duoc gia han giai quyet den {deadline}.',
    ),
    en: en(
      'Case {trackingCode}: deadline extended to {deadline}',
      'The deadline to resolve your case {trackingCode} has been extended. New deadline: {deadline}.\n\nReason: {reason}',
      'case {trackingCode}: deadline extended to {deadline}.',
    ),
  },
  {
    // LAW-COMPLAINT-07/08: the written complexity determination sets the complaint's longer period.
    key: 'cases.complexity-decided',
    vi: vi(
      'Hồ sơ {trackingCode}: thời hạn giải quyết mới {deadline}',
      'Người có thẩm quyền đã quyết định về tính chất vụ việc (phức tạp, vùng sâu, vùng xa) trong hồ sơ {trackingCode} của bạn. Thời hạn giải quyết theo quy định: {deadline}.',
      'ho so {trackingCode} co thoi han giai quyet moi {deadline}.',
    ),
    en: en(
      'Case {trackingCode}: new deadline {deadline}',
      'The competent person decided on the nature of your case {trackingCode} (complexity, remote area). The deadline set by law is now: {deadline}.',
      'case {trackingCode} has a new deadline: {deadline}.',
    ),
  },
  {
    // LAW-DENUNC-02 (tell the denouncer why), LAW-COMPLAINT-05, LAW-PAKN-03/04: the legal ground of a refusal.
    key: 'cases.refused',
    vi: vi(
      'Hồ sơ {trackingCode}: không thụ lý',
      'Hồ sơ {trackingCode} của bạn không được thụ lý.\n\nLý do: {groundLabel}',
      'ho so {trackingCode} khong duoc thu ly. Ly do: {groundLabel}.',
    ),
    en: en(
      'Case {trackingCode}: not accepted',
      'Your case {trackingCode} was not accepted.\n\nGround: {groundLabel}',
      'case {trackingCode} was not accepted. Ground: {groundLabel}.',
    ),
  },
  {
    // LAW-BASE-10: the clock stops while the submitter supplements; the mail says what is asked (the SMS points to the page).
    key: 'cases.information-requested',
    vi: vi(
      'Hồ sơ {trackingCode}: cần bạn bổ sung thông tin',
      'Để giải quyết hồ sơ {trackingCode} của bạn, cơ quan giải quyết đề nghị bạn bổ sung:\n\n{request}\n\nThời hạn giải quyết tạm dừng cho đến khi bạn bổ sung. Bạn có thể bổ sung trên trang hồ sơ.',
      'ho so {trackingCode} can ban bo sung thong tin; xem yeu cau tren trang ho so.',
    ),
    en: en(
      'Case {trackingCode}: more information needed from you',
      'To resolve your case {trackingCode}, the handling office asks you to provide:\n\n{request}\n\nThe time limit is paused until you answer. You can answer on the case page.',
      'case {trackingCode} needs more information from you; see the request on the case page.',
    ),
  },
  {
    // LAW-COMPLAINT-04, LAW-DENUNC-08: a partial withdrawal recorded; the rest goes on.
    key: 'cases.partially-withdrawn',
    vi: vi(
      'Hồ sơ {trackingCode}: đã ghi nhận rút một phần nội dung',
      'Việc rút một phần nội dung trong hồ sơ {trackingCode} của bạn đã được ghi nhận. Phần nội dung đã rút không được xem xét lại; phần còn lại tiếp tục được giải quyết.',
      'da ghi nhan rut mot phan noi dung ho so {trackingCode}; phan con lai tiep tuc duoc giai quyet.',
    ),
    en: en(
      'Case {trackingCode}: partial withdrawal recorded',
      'The withdrawal of part of your case {trackingCode} has been recorded. The withdrawn part is not reconsidered; the rest is still being resolved.',
      'partial withdrawal of case {trackingCode} recorded; the rest is still being resolved.',
    ),
  },
  {
    // LAW-COMPLAINT-04: the competent person stops handling and notifies the complainant of the withdrawal.
    key: 'cases.withdrawn',
    vi: vi(
      'Hồ sơ {trackingCode}: đã ghi nhận việc rút',
      'Việc rút hồ sơ {trackingCode} của bạn đã được ghi nhận. Cơ quan giải quyết dừng giải quyết hồ sơ này.',
      'da ghi nhan viec rut ho so {trackingCode}; ho so dung giai quyet.',
    ),
    en: en(
      'Case {trackingCode}: withdrawal recorded',
      'The withdrawal of your case {trackingCode} has been recorded. The office stops handling it.',
      'withdrawal of case {trackingCode} recorded; handling stops.',
    ),
  },
  {
    // LAW-DENUNC-08: the withdrawal is recorded but the denunciation must still be resolved.
    key: 'cases.withdrawal-continued',
    vi: vi(
      'Hồ sơ {trackingCode}: đã ghi nhận đơn rút, vụ việc vẫn được giải quyết',
      'Đơn rút tố cáo trong hồ sơ {trackingCode} của bạn đã được ghi nhận. Theo Điều 33 Luật Tố cáo, vụ việc vẫn tiếp tục được giải quyết.',
      'da ghi nhan don rut to cao ho so {trackingCode}; vu viec van tiep tuc duoc giai quyet.',
    ),
    en: en(
      'Case {trackingCode}: withdrawal recorded, the case goes on',
      'Your withdrawal in case {trackingCode} has been recorded. Under Art. 33 of the Denunciation Law, the case is still being resolved.',
      'withdrawal in case {trackingCode} recorded; the case is still being resolved.',
    ),
  },
  {
    // LAW-DENUNC-08: a withdrawal asked on the portal is received; the handler decides.
    key: 'cases.withdrawal-request-received',
    vi: vi(
      'Hồ sơ {trackingCode}: đã nhận yêu cầu rút tố cáo',
      'Yêu cầu rút tố cáo trong hồ sơ {trackingCode} của bạn đã được nhận. Người giải quyết sẽ xem xét và ghi nhận; vụ việc vẫn phải giải quyết nếu hành vi có dấu hiệu vi phạm pháp luật (Điều 33 Luật Tố cáo).',
      'da nhan yeu cau rut to cao ho so {trackingCode}; nguoi giai quyet se xem xet.',
    ),
    en: en(
      'Case {trackingCode}: withdrawal request received',
      'Your request to withdraw the denunciation in case {trackingCode} was received. The handler reviews and records it; the case must still be resolved if the conduct appears unlawful (Denunciation Law, Art. 33).',
      'withdrawal request for case {trackingCode} received; the handler decides.',
    ),
  },
];
