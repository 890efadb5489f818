import type { AppContext } from '../context.js';
import { inTransaction } from '../db/database.js';
import type { DemoSeed } from '../module.js';
import { createResidentUser, createStaffUser, type NewUserInput } from './create-user.js';
import type { Role } from './roles.js';

/**
 * The demo password of every demo account. It exists only in this seed, which runs only in demo
 * mode on an empty database; no other environment has these accounts.
 */
export const DEMO_PASSWORD = 'NhuQuynh@2026';

interface DemoAccount {
  key: string;
  kind: 'staff' | 'resident';
  displayName: string;
  email?: string;
  phone?: string;
  role: Role;
  unitCode?: string;
  areaCode?: string;
}

/** One account per role (the README lists them). Names are invented. */
export const demoAccounts: readonly DemoAccount[] = [
  { key: 'admin', kind: 'staff', displayName: 'Quản trị hệ thống', email: 'quantri@nhuquynh.demo', role: 'admin' },
  { key: 'chairman', kind: 'staff', displayName: 'Nguyễn Văn Chính (Chủ tịch UBND)', email: 'chutich@nhuquynh.demo', role: 'leader', unitCode: 'LANH-DAO' },
  { key: 'vice_chairman', kind: 'staff', displayName: 'Trần Thị Phó (Phó Chủ tịch UBND)', email: 'phochutich@nhuquynh.demo', role: 'leader', unitCode: 'LANH-DAO' },
  { key: 'officer_economy', kind: 'staff', displayName: 'Lê Văn Địa (Phòng Kinh tế)', email: 'canbo.kinhte@nhuquynh.demo', role: 'officer', unitCode: 'KINH-TE' },
  { key: 'officer_social', kind: 'staff', displayName: 'Phạm Thị Hoa (Phòng Văn hóa – Xã hội)', email: 'canbo.vhxh@nhuquynh.demo', role: 'officer', unitCode: 'VH-XH' },
  { key: 'officer_one_stop', kind: 'staff', displayName: 'Hoàng Văn Cửa (Trung tâm Phục vụ HCC)', email: 'canbo.motcua@nhuquynh.demo', role: 'officer', unitCode: 'HCC' },
  { key: 'officer_office', kind: 'staff', displayName: 'Đỗ Thị Văn (Văn phòng HĐND và UBND)', email: 'canbo.vanphong@nhuquynh.demo', role: 'officer', unitCode: 'VAN-PHONG' },
  { key: 'area_head', kind: 'staff', displayName: 'Vũ Văn Thôn (Trưởng thôn Ngọc Quỳnh)', email: 'truongthon.ngocquynh@nhuquynh.demo', role: 'area_head', areaCode: 'THON-NGQ' },
  { key: 'front', kind: 'staff', displayName: 'Bùi Thị Mặt (Chủ tịch Ủy ban MTTQ)', email: 'mttq@nhuquynh.demo', role: 'supervisor', unitCode: 'MTTQ' },
  { key: 'inspection_board', kind: 'staff', displayName: 'Ngô Văn Tra (Trưởng ban Thanh tra nhân dân)', email: 'ttnd@nhuquynh.demo', role: 'supervisor', unitCode: 'TTND' },
  { key: 'province', kind: 'staff', displayName: 'Sở Nội vụ tỉnh Hưng Yên (xem tổng hợp)', email: 'tinh@hungyen.demo', role: 'higher_level_viewer' },
  { key: 'resident_phone', kind: 'resident', displayName: 'Nguyễn Thị Dân', phone: '0912345678', role: 'resident', areaCode: 'TDP-NQ1' },
  { key: 'resident_email', kind: 'resident', displayName: 'Trần Văn Hỏi', email: 'nguoidan@nhuquynh.demo', role: 'resident', areaCode: 'THON-LC' },
];

/** Seed the demo accounts into the demo commune; returns their ids by key. */
export async function seedDemoAccounts(ctx: AppContext, seed: DemoSeed): Promise<DemoSeed> {
  const userIds: Record<string, string> = { ...seed.userIds };
  await inTransaction(ctx.db, async (tx) => {
    for (const account of demoAccounts) {
      const input: NewUserInput = {
        communeId: seed.communeId,
        displayName: account.displayName,
        email: account.email ?? null,
        phone: account.phone ?? null,
        homeAreaId: account.kind === 'resident' && account.areaCode ? (seed.areaIds[account.areaCode] ?? null) : null,
        password: DEMO_PASSWORD,
        isDemo: true,
        // The demo resident's invented number counts as proved, so the demo shows SMS notifications.
        phoneVerifiedAt: account.phone ? ctx.clock().toISOString() : null,
        grants: [
          {
            role: account.role,
            unitId: account.unitCode ? (seed.unitIds[account.unitCode] ?? null) : null,
            // Residents are not scoped to an area; the area is their home, not a grant.
            areaId: account.role === 'area_head' && account.areaCode ? (seed.areaIds[account.areaCode] ?? null) : null,
          },
        ],
      };
      userIds[account.key] = account.kind === 'staff' ? await createStaffUser(tx, ctx, input) : await createResidentUser(tx, ctx, input);
    }
  });
  return { ...seed, userIds };
}
