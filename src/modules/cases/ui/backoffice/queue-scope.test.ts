import { describe, expect, it } from 'vitest';
import { CASE_KINDS } from '../../domain/index.js';
import { defaultQueueScope, effectiveQueueScope, QUEUE_SCOPES, queueKindsFor, queueScopesFor } from './queue-scope.js';

describe('work queue scope', () => {
  it('opens on "all" for leaders and the other commune-wide roles, whose own unit handles few cases', () => {
    expect(defaultQueueScope({ roles: ['leader'], unitIds: ['lanh-dao'] })).toBe('all');
    expect(defaultQueueScope({ roles: ['admin'], unitIds: [] })).toBe('all');
    expect(defaultQueueScope({ roles: ['supervisor'], unitIds: ['mttq'] })).toBe('all');
    expect(defaultQueueScope({ roles: ['higher_level_viewer'], unitIds: [] })).toBe('all');
    expect(defaultQueueScope({ roles: ['officer', 'leader'], unitIds: ['kinh-te'] })).toBe('all');
  });

  it('opens on "my unit" for an officer of a unit, on "mine" for staff without one', () => {
    expect(defaultQueueScope({ roles: ['officer'], unitIds: ['kinh-te'] })).toBe('unit');
    expect(defaultQueueScope({ roles: ['officer'], unitIds: [] })).toBe('mine');
  });

  it('keeps the scope the address names, and waits for the identity otherwise', () => {
    expect(effectiveQueueScope('mine', { roles: ['leader'], unitIds: [] })).toBe('mine');
    expect(effectiveQueueScope('unit', null)).toBe('unit');
    expect(effectiveQueueScope('everything', { roles: ['officer'], unitIds: ['kinh-te'] })).toBe('unit');
    expect(effectiveQueueScope(undefined, { roles: ['leader'], unitIds: ['lanh-dao'] })).toBe('all');
    expect(effectiveQueueScope(undefined, null)).toBeUndefined();
  });

  it('offers "mine" and "my unit" only to those who handle cases; readers (supervisors, the province) get "all" alone', () => {
    expect(queueScopesFor({ roles: ['officer'] })).toEqual(QUEUE_SCOPES);
    expect(queueScopesFor({ roles: ['leader'] })).toEqual(QUEUE_SCOPES);
    expect(queueScopesFor({ roles: ['supervisor'] })).toEqual(['all']);
    expect(queueScopesFor({ roles: ['higher_level_viewer'] })).toEqual(['all']);
    expect(queueScopesFor(null)).toEqual(QUEUE_SCOPES);
    expect(defaultQueueScope({ roles: ['area_head'], unitIds: [] })).toBe('all');
  });

  it('does not offer supervisors and province viewers the denunciation kind, which they never see (point 13, LAW-DENUNC-11)', () => {
    expect(queueKindsFor({ roles: ['supervisor'] }, CASE_KINDS)).not.toContain('denunciation');
    expect(queueKindsFor({ roles: ['higher_level_viewer'] }, CASE_KINDS)).not.toContain('denunciation');
    // The anonymous corruption report names nobody: it stays.
    expect(queueKindsFor({ roles: ['supervisor'] }, CASE_KINDS)).toContain('corruption_report');
    expect(queueKindsFor({ roles: ['leader'] }, CASE_KINDS)).toEqual(CASE_KINDS);
    expect(queueKindsFor({ roles: ['officer'] }, CASE_KINDS)).toEqual(CASE_KINDS);
    expect(queueKindsFor({ roles: ['supervisor', 'officer'] }, CASE_KINDS)).toEqual(CASE_KINDS);
  });
});
