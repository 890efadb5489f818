import type { AppContext } from '../context.js';
import { newId } from '../contract/ids.js';
import { inTransaction } from '../db/database.js';
import type { DemoSeed } from '../module.js';
import type { CreateArea, CreateUnit } from './contract.js';
import * as repository from './repository.js';

/**
 * The demo commune: Như Quỳnh, Hưng Yên — the town of the founding PAPI plan, formerly in Văn Lâm
 * district (three-tier model), now a commune directly under the province (two-tier model since
 * 01/07/2025, LAW-REFORM-01). Every row is marked is_demo. The administrative code is a demo value.
 */
export const demoCommune = {
  code: 'DEMO-12064',
  slug: 'nhu-quynh',
  name: 'Như Quỳnh',
  kind: 'xa' as const,
  provinceCode: '33',
  provinceName: 'Hưng Yên',
  formerDistrictCode: '326',
  formerDistrictName: 'Văn Lâm',
  governmentModel: 'two_tier' as const,
  trackingPrefix: 'NQ',
  contact: {
    address: 'Trụ sở UBND xã Như Quỳnh, tỉnh Hưng Yên',
    phone: '0221 3985 000',
    email: 'ubnd.nhuquynh@demo.tiengdan.vn',
    receptionPlace: 'Phòng tiếp công dân, tầng 1, trụ sở UBND xã',
    receptionHours: 'Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00; Chủ tịch tiếp công dân ngày 10 và 25 hằng tháng',
  },
};

export const demoAreas: CreateArea[] = [
  { code: 'TDP-NQ1', name: 'Tổ dân phố Như Quỳnh 1', kind: 'to_dan_pho', householdCount: 412, population: 1630 },
  { code: 'TDP-NQ2', name: 'Tổ dân phố Như Quỳnh 2', kind: 'to_dan_pho', householdCount: 388, population: 1502 },
  { code: 'TDP-NQ3', name: 'Tổ dân phố Như Quỳnh 3', kind: 'to_dan_pho', householdCount: 356, population: 1411 },
  { code: 'TDP-DD', name: 'Tổ dân phố Đình Dù', kind: 'to_dan_pho', householdCount: 301, population: 1187 },
  { code: 'THON-NGQ', name: 'Thôn Ngọc Quỳnh', kind: 'thon', householdCount: 274, population: 1093 },
  { code: 'THON-LC', name: 'Thôn Lạc Cầu', kind: 'thon', householdCount: 219, population: 860 },
  { code: 'THON-TT', name: 'Thôn Trưng Trắc', kind: 'thon', householdCount: 342, population: 1355 },
];

export const demoUnits: CreateUnit[] = [
  { code: 'LANH-DAO', name: 'Lãnh đạo UBND xã', kind: 'committee_leadership', email: 'lanhdao.nhuquynh@demo.tiengdan.vn' },
  { code: 'VAN-PHONG', name: 'Văn phòng HĐND và UBND xã', kind: 'office', email: 'vanphong.nhuquynh@demo.tiengdan.vn' },
  { code: 'KINH-TE', name: 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)', kind: 'specialised', email: 'kinhte.nhuquynh@demo.tiengdan.vn' },
  { code: 'VH-XH', name: 'Phòng Văn hóa – Xã hội (y tế, giáo dục, an sinh)', kind: 'specialised', email: 'vhxh.nhuquynh@demo.tiengdan.vn' },
  { code: 'HCC', name: 'Trung tâm Phục vụ hành chính công xã', kind: 'office', email: 'motcua.nhuquynh@demo.tiengdan.vn' },
  { code: 'CONG-AN', name: 'Công an xã', kind: 'police' },
  { code: 'TRAM-YT', name: 'Trạm Y tế xã', kind: 'public_service' },
  { code: 'TH-NQ', name: 'Trường Tiểu học Như Quỳnh', kind: 'public_service' },
  { code: 'MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam xã', kind: 'fatherland_front' },
  { code: 'TTND', name: 'Ban Thanh tra nhân dân xã', kind: 'peoples_inspection_board' },
];

/** Seed the demo commune, its areas and units; returns their ids for later seeds. */
export async function seedDemoTenancy(ctx: AppContext): Promise<DemoSeed> {
  const now = ctx.clock().toISOString();
  const seed: DemoSeed = { communeId: newId(), areaIds: {}, unitIds: {}, userIds: {} };
  await inTransaction(ctx.db, async (tx) => {
    await repository.insertCommune(tx, { id: seed.communeId, ...demoCommune, isDemo: true }, now);
    for (const area of demoAreas) {
      const id = newId();
      seed.areaIds[area.code] = id;
      await repository.insertArea(tx, seed.communeId, id, area, now, true);
    }
    for (const unit of demoUnits) {
      const id = newId();
      seed.unitIds[unit.code] = id;
      await repository.insertUnit(tx, seed.communeId, id, unit, now, true);
    }
  });
  return seed;
}
