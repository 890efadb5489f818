import { createTranslate, type Locale } from '../../../core/i18n/translate.js';
import { caseNoticeTemplates } from './case-notice-templates.js';

export interface TemplateText {
  subject: string;
  text: string;
  /** A shorter body for SMS and Zalo; falls back to `text`. */
  short?: string;
}

/** One notification in both languages, with `{placeholder}` parameters. */
export interface NotificationTemplate {
  /** `<module>.<what>`, e.g. `cases.status-changed`. */
  key: string;
  vi: TemplateText;
  en: TemplateText;
  /** Sent even to residents who opted out (security messages such as a password reset). */
  isAlwaysSent?: boolean;
  /** The body carries a secret (a reset link): the delivery log keeps it only for dev recorders. */
  isSensitive?: boolean;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  short: string;
}

const placeholderPattern = /\{(\w+)\}/g;

function placeholdersOf(text: TemplateText): string[] {
  return [...`${text.subject}\n${text.text}\n${text.short ?? ''}`.matchAll(placeholderPattern)].map((match) => match[1]!);
}

/** Fill a template in `locale`; a missing parameter is a programming error and throws, naming it. */
export function renderTemplate(template: NotificationTemplate, locale: Locale, params: Readonly<Record<string, string | number>>): RenderedMessage {
  const text = template[locale];
  const missing = [...new Set(placeholdersOf(text))].filter((name) => !(name in params));
  if (missing.length > 0) throw new Error(`Template ${template.key} (${locale}) misses parameters: ${missing.join(', ')}`);
  // Reuse the catalog interpolation so templates and UI messages fill placeholders the same way.
  const catalog = { subject: text.subject, text: text.text, short: text.short ?? text.text };
  const translate = createTranslate({ vi: catalog, en: catalog }, locale);
  return { subject: translate('subject', params), text: translate('text', params), short: translate('short', params) };
}

const signature = { vi: '\n\n— Tiếng Dân, {communeName}', en: '\n\n— Tiếng Dân, {communeName}' };
const stopLine = {
  vi: '\n\nKhông muốn nhận tin về hồ sơ này nữa? Ngừng nhận tin: {unsubscribeUrl}',
  en: '\n\nNo more messages about this case? Stop them: {unsubscribeUrl}',
};

/** Templates shipped with the platform; modules may add their own with `registerTemplate`. */
export const builtInTemplates: readonly NotificationTemplate[] = [
  {
    key: 'auth.password-reset',
    isAlwaysSent: true,
    isSensitive: true,
    vi: {
      subject: 'Đặt lại mật khẩu Tiếng Dân',
      text: 'Xin chào,\n\nChúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản Tiếng Dân của bạn. Mở liên kết sau để đặt mật khẩu mới:\n\n{resetUrl}\n\nLiên kết chỉ dùng được một lần và sẽ hết hạn sau ít phút. Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.',
    },
    en: {
      subject: 'Reset your Tiếng Dân password',
      text: 'Hello,\n\nWe received a request to reset the password of your Tiếng Dân account. Open this link to choose a new password:\n\n{resetUrl}\n\nThe link works once and expires shortly. If you did not ask for this, ignore this e-mail; your password stays unchanged.',
    },
  },
  {
    // Proves the account's e-mail is its owner's; until opened, nothing is matched to the address.
    key: 'auth.email-verification',
    isAlwaysSent: true,
    isSensitive: true,
    vi: {
      subject: 'Xác nhận địa chỉ e-mail cho tài khoản Tiếng Dân',
      text: 'Xin chào,\n\nĐịa chỉ e-mail này vừa được dùng để mở (hoặc sửa) một tài khoản trên cổng Tiếng Dân. Nếu đó là bạn, hãy mở liên kết sau và bấm nút "Xác nhận e-mail":\n\n{verifyUrl}\n\nLiên kết chỉ dùng được một lần, trong {hours} giờ. Nếu bạn không yêu cầu, hãy bỏ qua thư này: địa chỉ sẽ không được gắn với tài khoản đó.',
    },
    en: {
      subject: 'Confirm the e-mail address of your Tiếng Dân account',
      text: 'Hello,\n\nThis e-mail address was just used to open (or change) an account on the Tiếng Dân portal. If it was you, open this link and press "Confirm e-mail":\n\n{verifyUrl}\n\nThe link works once, for {hours} hours. If you did not ask for this, ignore this e-mail: the address will not be tied to that account.',
    },
  },
  {
    // Account-takeover defence: the old, verified address hears that it no longer is the account's.
    key: 'auth.email-changed',
    isAlwaysSent: true,
    vi: {
      subject: 'Địa chỉ e-mail của tài khoản Tiếng Dân đã được thay đổi',
      text: 'Xin chào,\n\nĐịa chỉ e-mail của tài khoản Tiếng Dân của bạn vừa được đổi sang một địa chỉ khác; địa chỉ này sẽ không nhận thư về tài khoản đó nữa.\n\nNếu chính bạn đã đổi, bạn không cần làm gì. Nếu không phải bạn, hãy gọi ngay cho Ủy ban nhân dân xã, phường để được khóa tài khoản và lấy lại quyền sử dụng.',
    },
    en: {
      subject: 'The e-mail address of your Tiếng Dân account was changed',
      text: 'Hello,\n\nThe e-mail address of your Tiếng Dân account was just changed to another address; this address will no longer get mail about that account.\n\nIf you made this change, there is nothing to do. If you did not, call the commune People\'s Committee at once to have the account locked and recovered.',
    },
  },
  {
    // Proves the account's phone is its owner's; until the code is typed, no notification goes to it by SMS.
    key: 'auth.phone-verification',
    isAlwaysSent: true,
    isSensitive: true,
    vi: {
      subject: 'Mã xác minh số điện thoại Tiếng Dân',
      text: 'Mã xác minh số điện thoại của bạn trên cổng Tiếng Dân là {code}. Mã dùng được một lần, trong {minutes} phút. Không đưa mã này cho ai.',
      short: 'Tieng Dan: ma xac minh so dien thoai cua ban la {code} (dung 1 lan, trong {minutes} phut). Khong dua ma nay cho ai.',
    },
    en: {
      subject: 'Your Tiếng Dân phone verification code',
      text: 'Your Tiếng Dân phone verification code is {code}. It works once, for {minutes} minutes. Do not give it to anyone.',
      short: 'Tieng Dan: your phone verification code is {code} (works once, for {minutes} minutes). Do not share it.',
    },
  },
  // Every status message to a resident ends with their personal link that stops messages about
  // this case (LAW-PDP-04, LAW-PDP-05: consent withdrawn electronically, per purpose).
  {
    key: 'cases.status-changed',
    vi: {
      subject: 'Hồ sơ {trackingCode}: {statusLabel}',
      text: 'Hồ sơ {trackingCode} của bạn đã chuyển sang trạng thái: {statusLabel}.\n\nXem chi tiết: {caseUrl}' + stopLine.vi + signature.vi,
      short: 'Tieng Dan: ho so {trackingCode} chuyen sang "{statusLabel}". Xem: {caseUrl} Ngung nhan tin: {unsubscribeUrl}',
    },
    en: {
      subject: 'Case {trackingCode}: {statusLabel}',
      text: 'Your case {trackingCode} is now: {statusLabel}.\n\nDetails: {caseUrl}' + stopLine.en + signature.en,
      short: 'Tieng Dan: case {trackingCode} is now "{statusLabel}". See {caseUrl} Stop: {unsubscribeUrl}',
    },
  },
  {
    // To a follower, who is not the submitter: never "your case".
    key: 'cases.status-changed-followed',
    vi: {
      subject: 'Hồ sơ {trackingCode}: {statusLabel}',
      text: 'Hồ sơ {trackingCode} bạn theo dõi đã chuyển sang trạng thái: {statusLabel}.\n\nXem chi tiết: {caseUrl}' + stopLine.vi + signature.vi,
      short: 'Tieng Dan: ho so {trackingCode} ban theo doi chuyen sang "{statusLabel}". Xem: {caseUrl} Ngung nhan tin: {unsubscribeUrl}',
    },
    en: {
      subject: 'Case {trackingCode}: {statusLabel}',
      text: 'The case {trackingCode} you follow is now: {statusLabel}.\n\nDetails: {caseUrl}' + stopLine.en + signature.en,
      short: 'Tieng Dan: case {trackingCode} you follow is now "{statusLabel}". See {caseUrl} Stop: {unsubscribeUrl}',
    },
  },
  {
    // Double opt-in for an address typed on the portal to follow a case (LAW-PDP-05): the one mail it
    // gets before its owner confirms. It carries a secret link, so the log drops the body once sent.
    key: 'cases.follow-confirmation',
    isSensitive: true,
    vi: {
      subject: 'Xác nhận theo dõi hồ sơ {trackingCode}',
      text:
        'Xin chào,\n\nCó người vừa nhập địa chỉ e-mail này để theo dõi hồ sơ {trackingCode} trên cổng Tiếng Dân. Nếu đó là bạn, hãy mở liên kết sau và bấm nút "Xác nhận" để nhận tin khi hồ sơ có tiến triển:\n\n{confirmUrl}\n\nLiên kết dùng được đến hết ngày {expiresOn}. Nếu bạn không yêu cầu, hãy bỏ qua thư này: chúng tôi sẽ không gửi thêm thư nào và sẽ xóa địa chỉ của bạn.\n\nXem hồ sơ: {caseUrl}' +
        signature.vi,
    },
    en: {
      subject: 'Confirm that you follow case {trackingCode}',
      text:
        'Hello,\n\nSomeone just entered this e-mail address to follow case {trackingCode} on the Tiếng Dân portal. If it was you, open this link and press "Confirm" to be told when the case moves on:\n\n{confirmUrl}\n\nThe link works until the end of {expiresOn}. If you did not ask for this, ignore this e-mail: we will send nothing more and will delete your address.\n\nSee the case: {caseUrl}' +
        signature.en,
    },
  },
  {
    key: 'cases.assigned',
    vi: {
      subject: 'Hồ sơ {trackingCode} được giao cho bạn',
      text: 'Hồ sơ {trackingCode} ({caseTitle}) đã được giao cho bạn xử lý. Hạn giải quyết: {deadline}.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Case {trackingCode} assigned to you',
      text: 'Case {trackingCode} ({caseTitle}) has been assigned to you. Deadline: {deadline}.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    // LAW-DENUNC-08: the handler decides whether a denunciation must still be resolved. No title: the
    // code is enough to open the case, and a denunciation's words stay on the case page (LAW-DENUNC-12).
    key: 'cases.withdrawal-requested',
    vi: {
      subject: 'Hồ sơ {trackingCode}: người tố cáo đề nghị rút tố cáo',
      text: 'Người tố cáo đã gửi yêu cầu rút tố cáo trong hồ sơ {trackingCode} qua cổng. Hãy xem xét rồi ghi nhận đơn rút: vụ việc vẫn phải được giải quyết nếu hành vi có dấu hiệu vi phạm pháp luật hoặc việc rút do bị đe dọa, mua chuộc (Điều 33 Luật Tố cáo).\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Case {trackingCode}: the denouncer asks to withdraw',
      text: 'The denouncer in case {trackingCode} asked on the portal to withdraw the denunciation. Review it, then record the withdrawal: the case must still be resolved if the conduct appears unlawful or the withdrawal was made under threat or bribery (Denunciation Law, Art. 33).\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    // The resident answered a request for information on the portal; the clock runs again (LAW-BASE-10).
    // No content: the answer stays on the case page (a denouncer's words, LAW-DENUNC-12).
    key: 'cases.information-provided',
    vi: {
      subject: 'Hồ sơ {trackingCode}: người gửi đã bổ sung thông tin',
      text: 'Người gửi đã bổ sung thông tin cho hồ sơ {trackingCode} qua cổng. Thời hạn giải quyết được tính tiếp; hạn mới: {deadline}.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Case {trackingCode}: the sender provided more information',
      text: 'The sender provided more information for case {trackingCode} on the portal. The time limit runs again; new deadline: {deadline}.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    // LAW-DEMO-54: the committee answers a supervision recommendation within its period; the leaders are told.
    key: 'cases.supervision-flag-to-answer',
    vi: {
      subject: 'Kiến nghị giám sát về hồ sơ {trackingCode}, hạn trả lời {deadline}',
      text: 'Cơ quan giám sát đã gửi kiến nghị về hồ sơ {trackingCode}, hoặc chưa đồng ý với câu trả lời trước. UBND xã trả lời trước {deadline}.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Supervision recommendation on case {trackingCode}, answer due {deadline}',
      text: 'A supervising body sent a recommendation on case {trackingCode}, or did not accept the previous answer. The committee answers by {deadline}.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    key: 'cases.supervision-flag-answered',
    vi: {
      subject: 'UBND xã đã trả lời kiến nghị về hồ sơ {trackingCode}',
      text: 'UBND xã đã trả lời kiến nghị giám sát của bạn về hồ sơ {trackingCode}. Hãy đọc câu trả lời, rồi đóng kiến nghị hoặc giữ kiến nghị mở kèm lý do.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'The committee answered your recommendation on case {trackingCode}',
      text: 'The commune committee answered your supervision recommendation on case {trackingCode}. Read the answer, then close the recommendation or keep it open with a reason.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    key: 'cases.deadline-reminder',
    vi: {
      subject: 'Nhắc hạn: hồ sơ {trackingCode} đến hạn {deadline}',
      text: 'Hồ sơ {trackingCode} ({caseTitle}) sẽ đến hạn giải quyết vào {deadline}, còn {daysLeft} ngày làm việc.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Reminder: case {trackingCode} is due {deadline}',
      text: 'Case {trackingCode} ({caseTitle}) is due on {deadline}, {daysLeft} working day(s) left.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    // Issue 3 point 4: a forwarded step has its own deadline; its unit is reminded of it.
    key: 'cases.step-reminder',
    vi: {
      subject: 'Nhắc hạn bước: hồ sơ {trackingCode} đến hạn bước hiện tại {deadline}',
      text: 'Hồ sơ {trackingCode} ({caseTitle}) được chuyển đến đơn vị của bạn; hạn bước hiện tại là {deadline}, còn {daysLeft} ngày làm việc.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Step reminder: case {trackingCode}, current step due {deadline}',
      text: 'Case {trackingCode} ({caseTitle}) was forwarded to your unit; its current step is due on {deadline}, {daysLeft} working day(s) left.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    key: 'cases.overdue',
    vi: {
      subject: 'Quá hạn: hồ sơ {trackingCode}',
      text: 'Hồ sơ {trackingCode} ({caseTitle}) đã quá hạn giải quyết từ {deadline}. Vui lòng xử lý hoặc báo cáo lý do.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Overdue: case {trackingCode}',
      text: 'Case {trackingCode} ({caseTitle}) has been overdue since {deadline}. Please handle it or report the reason.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    // LAW-DENUNC-02, LAW-PAKN-08: the reminder of the acceptance (thụ lý) deadline, not the resolution one.
    key: 'cases.acceptance-reminder',
    vi: {
      subject: 'Nhắc hạn thụ lý: hồ sơ {trackingCode} đến hạn {deadline}',
      text: 'Hồ sơ {trackingCode} ({caseTitle}) phải được quyết định thụ lý hoặc không thụ lý trước {deadline}, còn {daysLeft} ngày làm việc.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Reminder: case {trackingCode} must be accepted or refused by {deadline}',
      text: 'Case {trackingCode} ({caseTitle}) must be accepted for handling or refused by {deadline}, {daysLeft} working day(s) left.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    // A case not accepted or refused in time (LAW-DENUNC-02, LAW-PAKN-08): the mail names the
    // acceptance (thụ lý) stage, never the resolution one.
    key: 'cases.acceptance-overdue',
    vi: {
      subject: 'Quá hạn thụ lý: hồ sơ {trackingCode}',
      text: 'Hồ sơ {trackingCode} ({caseTitle}) đã quá hạn thụ lý từ {deadline} mà chưa được thụ lý hoặc trả lại. Vui lòng quyết định thụ lý hoặc không thụ lý, hoặc báo cáo lý do.\n\nMở hồ sơ: {caseUrl}' + signature.vi,
    },
    en: {
      subject: 'Acceptance overdue: case {trackingCode}',
      text: 'Case {trackingCode} ({caseTitle}) has been past its acceptance deadline since {deadline} and is neither accepted nor refused. Please accept or refuse it, or report the reason.\n\nOpen the case: {caseUrl}' + signature.en,
    },
  },
  {
    key: 'cases.daily-digest',
    vi: {
      subject: 'Tổng hợp ngày {date}: {openCount} hồ sơ đang xử lý',
      text: 'Tình hình hồ sơ ngày {date}:\n\n{summary}\n\nĐang xử lý: {openCount} · Sắp đến hạn: {dueSoonCount} · Quá hạn: {overdueCount} · Quá hạn bước: {stepOverdueCount}\n\nMở danh sách: {listUrl}' + signature.vi,
    },
    en: {
      subject: 'Digest for {date}: {openCount} open cases',
      text: 'Cases on {date}:\n\n{summary}\n\nOpen: {openCount} · Due soon: {dueSoonCount} · Overdue: {overdueCount} · Missed steps: {stepOverdueCount}\n\nOpen the list: {listUrl}' + signature.en,
    },
  },
  // What a case event tells its submitter (an extension, a refusal, a request for information, a withdrawal).
  ...caseNoticeTemplates,
];
