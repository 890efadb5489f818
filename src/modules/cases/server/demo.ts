/** Demo data of the cases module: categories with unit routing, an Open311 key and seven cases in various states (demo mode only). */
import type { AppContext } from '../../../core/context.js';
import { newId } from '../../../core/contract/ids.js';
import { inTransaction } from '../../../core/db/database.js';
import { demoAccounts } from '../../../core/auth/index.js';
import type { Actor } from '../../../core/auth/roles.js';
import type { DemoSeed } from '../../../core/module.js';
import type { CaseActionInput, PublishQa } from '../contract.js';
import * as repository from '../db/repository.js';
import type { CaseKind, CategoryDeadlineOverride } from '../domain/index.js';
import { sha256Hex } from './use-cases/shared.js';
import { applyCaseAction } from './use-cases/case-actions.js';
import { publishQa } from './use-cases/qa.js';
import { enterCaseForResident, submitCase } from './use-cases/submit-case.js';

/** The published demo Open311 key (demo mode only; real clients get random keys). */
export const DEMO_OPEN311_KEY = 'nhuquynh-demo-key';

interface DemoCategory {
  code: string;
  nameVi: string;
  nameEn: string;
  dimension: string;
  subdimension: string;
  unitCode: string;
  kinds: CaseKind[];
  override?: Omit<CategoryDeadlineOverride, 'categoryId'>;
}

const everyday: CaseKind[] = ['feedback', 'question', 'complaint'];
const withDenunciations: CaseKind[] = ['feedback', 'question', 'complaint', 'denunciation', 'corruption_report'];
/** Issue 3: a bribe "in a clinic, a school, a land or procedure file, a recruitment" is reported anonymously too (LAW-DENUNC-04). */
const withCorruptionReports: CaseKind[] = [...everyday, 'corruption_report'];

/** PAPI dimensions: D4 corruption control, D5 administrative procedures, D6 public services, D7 environment. */
// The health station and the school are public service units, not offices of the committee: what
// residents say about them goes to the Culture and Society section, whose officer follows it up
// with them (canbo.vhxh in the README). The station and the school have no demo staff of their own.
export const demoCategories: readonly DemoCategory[] = [
  { code: 'HEALTH', nameVi: 'Trạm y tế', nameEn: 'Health station', dimension: 'D6', subdimension: '6.1', unitCode: 'VH-XH', kinds: withCorruptionReports },
  { code: 'SCHOOL', nameVi: 'Trường tiểu học', nameEn: 'Primary school', dimension: 'D6', subdimension: '6.2', unitCode: 'VH-XH', kinds: withCorruptionReports },
  { code: 'ELECTRICITY', nameVi: 'Điện', nameEn: 'Electricity', dimension: 'D6', subdimension: '6.3', unitCode: 'KINH-TE', kinds: ['feedback', 'question'] },
  // A commune service standard: clean-water feedback is answered within 5 working days.
  { code: 'WATER', nameVi: 'Nước sạch', nameEn: 'Clean water', dimension: 'D6', subdimension: '6.3', unitCode: 'KINH-TE', kinds: ['feedback', 'question'], override: { caseKind: 'feedback', stage: 'resolution', amount: 5, unit: 'working_days' } },
  { code: 'ROADS', nameVi: 'Đường giao thông', nameEn: 'Roads and traffic', dimension: 'D6', subdimension: '6.3', unitCode: 'KINH-TE', kinds: ['feedback', 'question'] },
  { code: 'WASTE', nameVi: 'Thu gom rác thải', nameEn: 'Waste collection', dimension: 'D7', subdimension: '7.1', unitCode: 'KINH-TE', kinds: ['feedback', 'question'] },
  { code: 'SECURITY', nameVi: 'An ninh trật tự', nameEn: 'Security and order', dimension: 'D6', subdimension: '6.4', unitCode: 'CONG-AN', kinds: ['feedback', 'question', 'denunciation', 'corruption_report'] },
  { code: 'POLLUTION', nameVi: 'Ô nhiễm môi trường', nameEn: 'Pollution', dimension: 'D7', subdimension: '7.2', unitCode: 'KINH-TE', kinds: ['feedback', 'question', 'complaint'] },
  { code: 'LAND', nameVi: 'Đất đai', nameEn: 'Land', dimension: 'D5', subdimension: '5.3', unitCode: 'KINH-TE', kinds: withDenunciations },
  { code: 'ADMIN-PROC', nameVi: 'Thủ tục hành chính', nameEn: 'Administrative procedures', dimension: 'D5', subdimension: '5.4', unitCode: 'HCC', kinds: withDenunciations },
  { code: 'CONDUCT', nameVi: 'Thái độ, tác phong cán bộ', nameEn: "Officials' conduct", dimension: 'D4', subdimension: '4.1', unitCode: 'VAN-PHONG', kinds: withDenunciations },
  // PAPI 4.3: equity in recruitment into the public sector ("chạy việc"). The commune office keeps the
  // personnel files. Questions during an open recruitment are answered within 7 working days (a
  // commune service standard: the application period is short); complaints, denunciations and
  // reports keep their legal time limits.
  { code: 'RECRUITMENT', nameVi: 'Tuyển dụng', nameEn: 'Public-sector recruitment', dimension: 'D4', subdimension: '4.3', unitCode: 'VAN-PHONG', kinds: withDenunciations, override: { caseKind: 'question', stage: 'resolution', amount: 7, unit: 'working_days' } },
];

/** Insert the demo categories for a commune; returns their ids by code. Also used by tests. */
export async function seedDemoCategories(ctx: AppContext, seed: Pick<DemoSeed, 'communeId' | 'unitIds'>): Promise<Record<string, string>> {
  const now = ctx.clock().toISOString();
  const ids: Record<string, string> = {};
  await inTransaction(ctx.db, async (tx) => {
    for (const [index, category] of demoCategories.entries()) {
      const id = newId();
      ids[category.code] = id;
      await repository.insertCategory(tx, {
        commune_id: seed.communeId,
        id,
        code: category.code,
        name_vi: category.nameVi,
        name_en: category.nameEn,
        description_vi: null,
        description_en: null,
        kinds: JSON.stringify(category.kinds),
        papi_dimension: category.dimension,
        papi_subdimension: category.subdimension,
        default_unit_id: seed.unitIds[category.unitCode] ?? null,
        deadline_overrides: category.override ? JSON.stringify([{ ...category.override, categoryId: id }]) : null,
        is_public_open311: category.kinds.includes('feedback') ? 1 : 0,
        sort_order: index + 1,
        is_active: 1,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      });
    }
  });
  return ids;
}

/** The demo accounts (seeded by auth) that play the staff roles in the demo cases. */
function demoActor(seed: DemoSeed, key: 'chairman' | 'officer_economy' | 'officer_social'): Actor {
  const account = demoAccounts.find((candidate) => candidate.key === key);
  const userId = seed.userIds[key];
  if (!account || !userId) throw new Error(`The auth demo seed must run before cases: no demo account "${key}"`);
  return {
    userId,
    kind: 'staff',
    displayName: account.displayName,
    communeId: seed.communeId,
    grants: [{ role: account.role, communeId: seed.communeId, unitId: account.unitCode ? (seed.unitIds[account.unitCode] ?? null) : null, areaId: null }],
    sessionId: 'demo-seed',
  };
}

/** Days before now, as an instant (a case received by phone some weeks ago). */
const daysAgo = (ctx: AppContext, days: number) => new Date(ctx.clock().getTime() - days * 86_400_000).toISOString();

/**
 * Demo categories, the demo Open311 key and seven demo cases of the demo commune, spread over
 * hamlets, categories and statuses: new, in progress, waiting for the resident, overdue, an
 * anonymous corruption report, and two questions answered and published as Q&A (so /hoi-dap is not
 * empty). Everything goes through the service functions, so timelines, audit rows and deadlines are
 * real; notifications are only queued in the outbox (the worker sends them later, if ever).
 * People and texts are invented; names end in "Demo".
 */
export async function seedCasesDemo(ctx: AppContext, seed: DemoSeed): Promise<void> {
  const categoryIds = await seedDemoCategories(ctx, seed);
  await repository.insertOpen311Client(ctx.db, { commune_id: seed.communeId, id: newId(), name: 'Demo Open311 client', api_key_hash: sha256Hex(DEMO_OPEN311_KEY), is_active: 1, is_demo: 1, created_at: ctx.clock().toISOString() });
  const area = (code: string) => seed.areaIds[code] ?? null;
  const unit = (code: string) => seed.unitIds[code] ?? '';
  const chairman = demoActor(seed, 'chairman');
  const economy = demoActor(seed, 'officer_economy');
  const social = demoActor(seed, 'officer_social');
  const act = async (actor: Actor, caseId: string, actions: readonly CaseActionInput[]) => {
    for (const action of actions) await applyCaseAction(ctx, actor, caseId, action);
  };
  /** Accept, route to a unit and officer, work, draft, approve, publish the answer, then publish it as Q&A. */
  const answerAndPublish = async (caseId: string, officer: Actor, unitCode: string, answer: string, qa: PublishQa) => {
    await act(chairman, caseId, [{ type: 'accept' }, { type: 'assign', unitId: unit(unitCode), officerId: officer.userId }]);
    await act(officer, caseId, [{ type: 'startWork' }, { type: 'draftAnswer', text: answer }]);
    await act(chairman, caseId, [{ type: 'approveAnswer' }, { type: 'publishAnswer' }]);
    await publishQa(ctx, chairman, caseId, qa);
  };

  // 1. New, not yet accepted: waste not collected in Thôn Trưng Trắc.
  await submitCase(ctx, null, {
    kind: 'feedback',
    categoryId: categoryIds.WASTE,
    areaId: area('THON-TT'),
    title: 'Rác thải không được thu gom đúng lịch',
    description: 'Tuần này xe thu gom rác không đến thôn theo lịch thứ Ba và thứ Sáu, rác tồn đọng ở điểm tập kết đầu thôn gây mùi hôi.',
    privacy: 'public_name',
    submitter: { fullName: 'Trần Thị Demo', address: 'Thôn Trưng Trắc', email: 'demo.resident@demo.tiengdan.vn' },
  });

  // 2. In progress at Phòng Kinh tế: potholes on the inter-hamlet road (Tổ dân phố Như Quỳnh 1).
  const potholes = await submitCase(ctx, null, {
    kind: 'feedback',
    categoryId: categoryIds.ROADS,
    areaId: area('TDP-NQ1'),
    address: 'Đường liên thôn, đoạn gần nhà văn hóa tổ dân phố Như Quỳnh 1',
    // A made-up point near the commune, as a resident pastes it from a map (shown with an OpenStreetMap link).
    latitude: 20.9871,
    longitude: 105.9812,
    title: 'Ổ gà lớn trên đường liên thôn',
    description: 'Đoạn đường liên thôn gần nhà văn hóa có nhiều ổ gà sâu, trời mưa đọng nước rất nguy hiểm cho học sinh đi xe đạp.',
    privacy: 'handler_only',
    submitter: { fullName: 'Nguyễn Văn Demo', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' },
  });
  await act(economy, potholes.id, [{ type: 'accept' }, { type: 'assign', unitId: unit('KINH-TE'), officerId: economy.userId }, { type: 'startWork' }]);

  // 3. Overdue: smoke from a plastics workshop, taken by phone six weeks ago, still in progress (Thôn Ngọc Quỳnh).
  const smoke = await enterCaseForResident(ctx, economy, {
    channel: 'phone',
    receivedAt: daysAgo(ctx, 45),
    kind: 'feedback',
    categoryId: categoryIds.POLLUTION,
    areaId: area('THON-NGQ'),
    title: 'Khói và mùi nhựa cháy từ xưởng tái chế ban đêm',
    description: 'Từ khoảng 22 giờ, một xưởng tái chế nhựa cuối thôn đốt phế liệu, khói đen và mùi khét bay vào các nhà xung quanh, trẻ nhỏ bị ho. Người dân đề nghị xã kiểm tra.',
    privacy: 'handler_only',
    submitter: { fullName: 'Lê Văn Demo', address: 'Thôn Ngọc Quỳnh', phone: '0987654321' },
  });
  await act(economy, smoke.id, [{ type: 'accept' }, { type: 'assign', unitId: unit('KINH-TE'), officerId: economy.userId }, { type: 'startWork' }]);

  // 4. Waiting for the resident: the health station's opening hours (Tổ dân phố Như Quỳnh 2).
  const health = await submitCase(ctx, null, {
    kind: 'feedback',
    categoryId: categoryIds.HEALTH,
    areaId: area('TDP-NQ2'),
    title: 'Trạm y tế đóng cửa sớm vào buổi chiều',
    description: 'Nhiều buổi chiều trạm y tế đóng cửa trước 16 giờ, người dân đi làm về không kịp tiêm chủng cho con.',
    privacy: 'handler_only',
    submitter: { fullName: 'Phạm Thị Demo', address: 'Tổ dân phố Như Quỳnh 2', phone: '0905123456' },
  });
  await act(chairman, health.id, [{ type: 'accept' }, { type: 'assign', unitId: unit('VH-XH'), officerId: social.userId }]);
  await act(social, health.id, [{ type: 'requestInformation', note: 'Xin ông/bà cho biết những ngày cụ thể trạm y tế đóng cửa sớm để xã đối chiếu với lịch trực.' }]);

  // 5. Anonymous corruption report (no identity asked, LAW-DENUNC-04), accepted by the chairman (Tổ dân phố Đình Dù).
  const report = await submitCase(ctx, null, {
    kind: 'corruption_report',
    categoryId: categoryIds.CONDUCT,
    areaId: area('TDP-DD'),
    title: 'Gợi ý "chi phí bồi dưỡng" khi nộp hồ sơ',
    description: 'Khi nộp hồ sơ tại xã, một số người dân được gợi ý đưa thêm "chi phí bồi dưỡng" để hồ sơ được giải quyết nhanh hơn. Đề nghị xã kiểm tra (thông tin demo, không có thật).',
    privacy: 'anonymous',
  });
  await act(chairman, report.id, [{ type: 'accept' }]);

  // 6. Answered and published as Q&A: changing primary school mid-year (Thôn Lạc Cầu), answered by Phòng Văn hóa – Xã hội.
  const schoolTitle = 'Con chuyển về xã giữa năm học có được vào trường tiểu học không?';
  const schoolQuestion = 'Gia đình tôi vừa chuyển về sống ở thôn Lạc Cầu, con đang học lớp 3 ở tỉnh khác. Cháu có được chuyển vào Trường Tiểu học Như Quỳnh giữa năm học không, và cần những giấy tờ gì?';
  const schoolAnswer =
    'Học sinh tiểu học được chuyển trường trong năm học. Cha mẹ làm đơn xin chuyển trường (mẫu có tại nhà trường), xin ý kiến đồng ý của hiệu trưởng trường cháu đang học, rồi nộp đơn cùng học bạ và bản sao giấy khai sinh cho Trường Tiểu học Như Quỳnh. Nhà trường tiếp nhận và xếp lớp cho cháu; nếu có vướng mắc, ông/bà liên hệ Phòng Văn hóa – Xã hội của xã.';
  const school = await submitCase(ctx, null, { kind: 'question', categoryId: categoryIds.SCHOOL, areaId: area('THON-LC'), title: schoolTitle, description: schoolQuestion, privacy: 'anonymous' });
  await answerAndPublish(school.id, social, 'VH-XH', schoolAnswer, { question: `${schoolTitle}\n\n${schoolQuestion}`, answer: schoolAnswer });

  // 7. Answered and published as Q&A: clean-water connection for a new household (Tổ dân phố Như Quỳnh 3).
  const waterTitle = 'Hộ mới tách khẩu muốn lắp đồng hồ nước sạch thì làm thế nào?';
  const waterQuestion = 'Gia đình tôi (Hoàng Văn Demo, số điện thoại 0978111222) mới tách hộ và làm nhà riêng. Tôi muốn hỏi lắp đồng hồ nước sạch cần đăng ký ở đâu, chi phí bao nhiêu?';
  const waterAnswer =
    'Ông/bà làm đơn đề nghị cấp nước (mẫu tại Trung tâm Phục vụ hành chính công xã) kèm bản sao giấy tờ về quyền sử dụng đất hoặc xác nhận nơi cư trú. Đơn vị cấp nước khảo sát trong 5 ngày làm việc và báo chi phí lắp đặt theo khoảng cách từ đường ống chính; đồng hồ được lắp trong 7 ngày làm việc sau khi ký hợp đồng.';
  const water = await submitCase(ctx, null, {
    kind: 'question',
    categoryId: categoryIds.WATER,
    areaId: area('TDP-NQ3'),
    title: waterTitle,
    description: waterQuestion,
    privacy: 'handler_only',
    submitter: { fullName: 'Hoàng Văn Demo', address: 'Tổ dân phố Như Quỳnh 3', phone: '0978111222' },
  });
  // The published question leaves out the resident's name and phone (what the publish preview proposes).
  await answerAndPublish(water.id, economy, 'KINH-TE', waterAnswer, {
    question: `${waterTitle}\n\nGia đình tôi mới tách hộ và làm nhà riêng. Tôi muốn hỏi lắp đồng hồ nước sạch cần đăng ký ở đâu, chi phí bao nhiêu?`,
    answer: waterAnswer,
  });
}
