import type { Generated } from 'kysely';

export interface CommuneContact {
  address: string;
  phone: string;
  email: string;
  /** Where and when citizens are received, shown in the portal header and footer. */
  receptionPlace: string;
  receptionHours: string;
  website?: string;
}

export interface CommunesTable {
  id: string;
  code: string;
  slug: string;
  name: string;
  kind: 'xa' | 'phuong' | 'dac_khu' | 'thi_tran';
  province_code: string;
  province_name: string;
  former_district_code: string | null;
  former_district_name: string | null;
  government_model: 'two_tier' | 'three_tier';
  contact: string;
  tracking_prefix: string;
  is_demo: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AreasTable {
  commune_id: string;
  id: string;
  code: string;
  name: string;
  /** The name folded (case, diacritics, spacing ignored), unique per commune. */
  name_key: string;
  kind: 'thon' | 'to_dan_pho' | 'khu_pho' | 'ap' | 'ban';
  household_count: number | null;
  population: number | null;
  is_active: Generated<number>;
  is_demo: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  commune_id: string;
  id: string;
  code: string;
  name: string;
  /** The name folded (case, diacritics, spacing ignored), unique per commune. */
  name_key: string;
  kind: 'committee_leadership' | 'office' | 'specialised' | 'police' | 'fatherland_front' | 'peoples_inspection_board' | 'public_service';
  email: string | null;
  phone: string | null;
  is_active: Generated<number>;
  is_demo: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TenancyTables {
  communes: CommunesTable;
  areas: AreasTable;
  units: UnitsTable;
}
