/** Demo data of the cases module: categories with unit routing, an Open311 key and a few cases (demo mode only). */
import type { AppContext } from '../../../core/context.js';
import { newId } from '../../../core/contract/ids.js';
import { inTransaction } from '../../../core/db/database.js';
import type { DemoSeed } from '../../../core/module.js';
import * as repository from '../db/repository.js';
import type { CaseKind, CategoryDeadlineOverride } from '../domain/index.js';
import { sha256Hex } from './use-cases/shared.js';
import { submitCase } from './use-cases/submit-case.js';

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

/** PAPI dimensions: D4 corruption control, D5 administrative procedures, D6 public services, D7 environment. */
export const demoCategories: readonly DemoCategory[] = [
  { code: 'HEALTH', nameVi: 'Trạm y tế', nameEn: 'Health station', dimension: 'D6', subdimension: '6.1', unitCode: 'TRAM-YT', kinds: everyday },
  { code: 'SCHOOL', nameVi: 'Trường tiểu học', nameEn: 'Primary school', dimension: 'D6', subdimension: '6.2', unitCode: 'TH-NQ', kinds: everyday },
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

/** Demo categories, the demo Open311 key and three demo cases. */
export async function seedCasesDemo(ctx: AppContext, seed: DemoSeed): Promise<void> {
  const categoryIds = await seedDemoCategories(ctx, seed);
  await repository.insertOpen311Client(ctx.db, { commune_id: seed.communeId, id: newId(), name: 'Demo Open311 client', api_key_hash: sha256Hex(DEMO_OPEN311_KEY), is_active: 1, is_demo: 1, created_at: ctx.clock().toISOString() });
  const firstArea = Object.values(seed.areaIds)[0] ?? null;
  const demoCases = [
    { kind: 'feedback', categoryId: categoryIds.ROADS, title: 'Ổ gà lớn trên đường liên thôn', description: 'Đoạn đường liên thôn gần nhà văn hóa có nhiều ổ gà sâu, trời mưa rất nguy hiểm cho học sinh đi xe đạp.', privacy: 'handler_only', submitter: { fullName: 'Nguyễn Văn Demo', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' } },
    { kind: 'question', categoryId: categoryIds['ADMIN-PROC'], title: 'Hồ sơ đăng ký khai sinh cần giấy tờ gì?', description: 'Tôi muốn hỏi thủ tục đăng ký khai sinh cho con cần chuẩn bị những giấy tờ gì và nộp ở đâu?', privacy: 'anonymous' },
    { kind: 'feedback', categoryId: categoryIds.WASTE, title: 'Rác thải không được thu gom đúng lịch', description: 'Tuần này xe thu gom rác không đến thôn theo lịch, rác tồn đọng ở điểm tập kết gây mùi hôi.', privacy: 'public_name', submitter: { fullName: 'Trần Thị Demo', address: 'Thôn Lạc Cầu', email: 'demo.resident@demo.tiengdan.vn' } },
  ];
  for (const demoCase of demoCases) {
    await submitCase(ctx, null, { ...demoCase, areaId: firstArea });
  }
}
