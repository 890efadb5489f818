/**
 * Legal grounds for not accepting (không thụ lý / không xử lý) a case, per kind, with the
 * outcomes a reception answer may give (LAW-RECEP-10).
 */
import type { CaseKind } from './case-types.js';

/** A kind of matter that can be refused: a case kind or an in-person reception visit. */
export type RefusableSubject = CaseKind | 'reception';

/** A refusal ground with bilingual labels and its legal reference. */
export interface RefusalGround {
  code: string;
  appliesTo: readonly RefusableSubject[];
  legalRef: string;
  labelVi: string;
  labelEn: string;
}

/** All refusal grounds. Codes are stable and stored on refused cases. */
export const refusalGrounds: readonly RefusalGround[] = [
  // LAW-COMPLAINT-05: the 9 grounds of Law on Complaints Art. 11.
  { code: 'complaint_internal_or_normative', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Quyết định, hành vi hành chính nội bộ, văn bản quy phạm pháp luật hoặc thuộc bí mật nhà nước về quốc phòng, an ninh, ngoại giao', labelEn: 'Internal or normative decision, or a defence/security/diplomatic state secret' },
  { code: 'complaint_no_direct_interest', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Không liên quan trực tiếp đến quyền, lợi ích hợp pháp của người khiếu nại', labelEn: "Not directly related to the complainant's lawful rights and interests" },
  { code: 'complaint_no_civil_capacity', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp', labelEn: 'Complainant lacks full civil capacity and has no lawful representative' },
  { code: 'complaint_unlawful_representative', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Người đại diện không hợp pháp', labelEn: 'Representative is not lawful' },
  { code: 'complaint_unsigned', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại', labelEn: 'Petition not signed or fingerprinted by the complainant' },
  { code: 'complaint_limitation_expired', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng', labelEn: 'Limitation period expired without valid reason' },
  { code: 'complaint_second_level_decided', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Việc khiếu nại đã có quyết định giải quyết khiếu nại lần hai', labelEn: 'A second-level complaint decision already exists' },
  { code: 'complaint_termination_not_continued', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Đã có thông báo đình chỉ mà sau 30 ngày người khiếu nại không tiếp tục khiếu nại', labelEn: 'Handling was terminated and 30 days passed without the complainant continuing' },
  { code: 'complaint_court_accepted', appliesTo: ['complaint'], legalRef: 'LAW-COMPLAINT-05', labelVi: 'Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết định của Tòa án', labelEn: 'A court has accepted or decided the matter' },
  // LAW-DENUNC-05: acceptance conditions of Law on Denunciation Art. 29 not met.
  { code: 'denunciation_unlawful_form', appliesTo: ['denunciation'], legalRef: 'LAW-DENUNC-05', labelVi: 'Tố cáo không đúng hình thức quy định tại Điều 23', labelEn: 'Denunciation not in the lawful form (Art. 23)' },
  { code: 'denunciation_no_civil_capacity', appliesTo: ['denunciation'], legalRef: 'LAW-DENUNC-05', labelVi: 'Người tố cáo không có năng lực hành vi dân sự đầy đủ mà không có người đại diện', labelEn: 'Denouncer lacks civil capacity and has no representative' },
  { code: 'denunciation_not_competent', appliesTo: ['denunciation'], legalRef: 'LAW-DENUNC-03', labelVi: 'Không thuộc thẩm quyền giải quyết (chuyển đơn trong 5 ngày làm việc)', labelEn: 'Outside competence (transfer within 5 working days)' },
  { code: 'denunciation_insufficient_basis', appliesTo: ['denunciation'], legalRef: 'LAW-DENUNC-05', labelVi: 'Không đủ căn cứ xác định người vi phạm, hành vi vi phạm', labelEn: 'Not enough basis to identify the violator and the violation' },
  { code: 'denunciation_against_complaint_resolver', appliesTo: ['denunciation'], legalRef: 'LAW-DENUNC-05', labelVi: 'Tố cáo người đã giải quyết khiếu nại đúng pháp luật mà không có bằng chứng vi phạm', labelEn: 'Targets a person who lawfully resolved a complaint, without evidence of a violation' },
  { code: 'denunciation_anonymous', appliesTo: ['denunciation'], legalRef: 'LAW-DENUNC-04', labelVi: 'Tố cáo nặc danh, mạo danh (xử lý như thông tin phản ánh)', labelEn: 'Anonymous or pseudonymous (handled as information, not a denunciation)' },
  // LAW-PAKN-04: intake classification of feedback on administrative regulations.
  { code: 'feedback_requirements_unmet', appliesTo: ['feedback', 'question'], legalRef: 'LAW-PAKN-03', labelVi: 'Không đáp ứng yêu cầu (tiếng Việt, nội dung rõ ràng, họ tên, địa chỉ, số điện thoại)', labelEn: 'Requirements not met (Vietnamese, clear content, name, address, phone)' },
  { code: 'feedback_conduct_related', appliesTo: ['feedback'], legalRef: 'LAW-PAKN-04', labelVi: 'Nội dung về hành vi, thuộc thủ tục khiếu nại, tố cáo — chuyển cơ quan có thẩm quyền', labelEn: 'Conduct-related; belongs to the complaint/denunciation procedure' },
  { code: 'feedback_outside_competence', appliesTo: ['feedback', 'question'], legalRef: 'LAW-PAKN-04', labelVi: 'Không thuộc thẩm quyền (chuyển trong 5 ngày làm việc)', labelEn: 'Outside competence (transfer within 5 working days)' },
  // LAW-DENUNC-04: anonymous information is only checked if it names the violator with verifiable evidence.
  { code: 'anonymous_info_unverifiable', appliesTo: ['corruption_report'], legalRef: 'LAW-DENUNC-04', labelVi: 'Không rõ người vi phạm, không có tài liệu, chứng cứ cụ thể để kiểm tra, xác minh', labelEn: 'No identifiable violator or concrete, verifiable evidence' },
  { code: 'anonymous_info_outside_competence', appliesTo: ['corruption_report'], legalRef: 'LAW-DENUNC-04', labelVi: 'Không thuộc thẩm quyền — chuyển cơ quan có thẩm quyền để phục vụ công tác quản lý', labelEn: 'Outside competence — forwarded for management purposes' },
  // LAW-RECEP-11: grounds to refuse receiving a visitor.
  { code: 'reception_incapacitated', appliesTo: ['reception'], legalRef: 'LAW-RECEP-11', labelVi: 'Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức', labelEn: 'Visitor intoxicated or without capacity to understand' },
  { code: 'reception_threatening', appliesTo: ['reception'], legalRef: 'LAW-RECEP-11', labelVi: 'Có hành vi đe dọa, xúc phạm hoặc vi phạm nội quy nơi tiếp công dân', labelEn: 'Threatening or insulting behaviour, or breach of reception rules' },
  { code: 'reception_already_resolved', appliesTo: ['reception'], legalRef: 'LAW-RECEP-11', labelVi: 'Vụ việc đã giải quyết đúng chính sách, pháp luật, đã được kiểm tra, rà soát, thông báo bằng văn bản', labelEn: 'Matter already correctly resolved, reviewed and explained in writing' },
  { code: 'reception_other_legal_ground', appliesTo: ['reception'], legalRef: 'LAW-RECEP-11', labelVi: 'Trường hợp khác theo quy định của pháp luật', labelEn: 'Other grounds provided by law' },
];

/** Refusal grounds applicable to a case kind or to a reception visit. */
export function refusalGroundsFor(subject: RefusableSubject): RefusalGround[] {
  return refusalGrounds.filter((ground) => ground.appliesTo.includes(subject));
}

/** Whether a refusal ground code is valid for the subject (a complaint cannot be refused on a PAKN ground). */
export function isRefusalGroundValid(subject: RefusableSubject, code: string): boolean {
  return refusalGrounds.some((ground) => ground.code === code && ground.appliesTo.includes(subject));
}

/** A refusal ground's label in the reader's language (the back office may be in English). */
export function refusalGroundLabel(ground: Pick<RefusalGround, 'labelVi' | 'labelEn'>, locale: 'vi' | 'en'): string {
  return locale === 'en' ? ground.labelEn : ground.labelVi;
}

/**
 * The public note of a refusal in the reader's language. A refusal stores its ground's Vietnamese
 * label as the timeline's public note (the official record, LAW-PAKN-03 / LAW-COMPLAINT-05); a reader
 * of English gets the ground's English label instead. Any other note is returned as written.
 */
export function refusalNoteIn(note: string | null, locale: 'vi' | 'en'): string | null {
  if (note === null || locale === 'vi') return note;
  const ground = refusalGrounds.find((candidate) => candidate.labelVi === note);
  return ground ? ground.labelEn : note;
}

/** Outcomes a reception answer must state within 10 working days (LAW-RECEP-10). */
export const RECEPTION_OUTCOMES = [
  { code: 'accepted', labelVi: 'Thụ lý giải quyết', labelEn: 'Accepted for handling' },
  { code: 'acceptance_review_extended', labelVi: 'Gia hạn xem xét thụ lý để xác minh thêm', labelEn: 'Acceptance review extended for further verification' },
  { code: 'refused_not_competent', labelVi: 'Không thụ lý vì không thuộc thẩm quyền', labelEn: 'Refused: outside competence' },
  { code: 'refused_conditions_unmet', labelVi: 'Không thụ lý vì không đủ điều kiện', labelEn: 'Refused: conditions not met' },
  { code: 'forwarded', labelVi: 'Chuyển đến cơ quan có thẩm quyền', labelEn: 'Forwarded to the competent body' },
] as const;

/** One of the LAW-RECEP-10 reception outcome codes. */
export type ReceptionOutcome = (typeof RECEPTION_OUTCOMES)[number]['code'];
