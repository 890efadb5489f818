import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../core/i18n/translate.js';
import { CASE_ACTION_TYPES } from '../../modules/cases/domain/index.js';
import { catalogs } from './i18n.js';
import { auditActionLabel, auditActionLabelKey, auditRoleLabels } from './audit-labels.js';

/*
 * Every action key the code writes to the audit log has words in both languages, so the audit page
 * never shows a bare key to a reader. The keys are found in the source: string literals on the
 * `action:` line of an audit write or passed to the TOTP audit helper, plus the lifecycle actions
 * (`cases.case.<action type>`, one per state-machine action). A write this scan cannot read fails
 * the test, so a new kind of audit call is noticed rather than silently skipped.
 */
const SRC = fileURLToPath(new URL('../../', import.meta.url));
const KEY = /'([a-z0-9]+\.[a-z0-9-]+\.[a-z0-9-]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function emittedAuditActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/appendAudit\(|auditTotp\(/.test(text) || file.endsWith(join('core', 'audit', 'audit-log.ts'))) continue;
    const where = relative(SRC, file);
    let keysInFile = 0;
    for (const line of text.split('\n')) {
      if (!/\baction: |auditTotp\(ctx/.test(line)) continue;
      for (const match of line.matchAll(KEY)) {
        found.set(match[1]!, where);
        keysInFile += 1;
      }
      if (line.includes('action: `cases.case.${action.type}`')) {
        for (const type of CASE_ACTION_TYPES) found.set(`cases.case.${type}`, where);
        keysInFile += 1;
      }
    }
    if (keysInFile === 0) throw new Error(`${where} writes audit rows, but no action key was found: teach this test its pattern`);
  }
  return found;
}

describe('audit log labels', () => {
  const actions = emittedAuditActions();

  it('finds the audit actions of every part of the code that writes them', () => {
    expect(actions.size).toBeGreaterThan(40);
    for (const expected of ['cases.sealed-identity.refused', 'cases.case.recordWithdrawal', 'cases.case.submitted', 'cases.case.entered', 'auth.totp.enabled', 'tenancy.area.created', 'calendar.override.saved', 'jobs.job.retried']) {
      expect([...actions.keys()]).toContain(expected);
    }
  });

  it.each(['vi', 'en'] as const)('every emitted action has a %s label, not its key', (locale) => {
    const t = createTranslate(catalogs, locale);
    const missing = [...actions].filter(([action]) => typeof catalogs[locale][auditActionLabelKey(action)] !== 'string').map(([action, file]) => `${action} (${file})`);
    expect(missing).toEqual([]);
    for (const action of actions.keys()) expect(auditActionLabel(action, t)).not.toBe(action);
  });

  it('names actions and roles in words, and falls back to the raw key for unknown ones', () => {
    const vi = createTranslate(catalogs, 'vi');
    const en = createTranslate(catalogs, 'en');
    expect(auditActionLabel('cases.sealed-identity.refused', vi)).toBe('Bị từ chối xem thông tin người tố cáo được bảo mật');
    expect(auditActionLabel('cases.sealed-identity.refused', en)).toBe('Refused: opening a sealed denouncer identity');
    expect(auditActionLabel('plans.task.invented', vi)).toBe('plans.task.invented');
    // Roles are stored sorted and comma-separated: each becomes its own words.
    expect(auditRoleLabels('leader,officer', vi)).toEqual(['Lãnh đạo', 'Cán bộ, công chức']);
    expect(auditRoleLabels('admin', en)).toEqual([en('auth.role.admin')]);
    expect(auditRoleLabels('officer,new_role', vi)).toEqual(['Cán bộ, công chức', 'new_role']);
    expect(auditRoleLabels(null, vi)).toEqual([]);
  });
});
