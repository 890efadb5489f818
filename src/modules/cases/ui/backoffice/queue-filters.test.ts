import { describe, expect, it } from 'vitest';
import { caseHrefFromQueue, queueHrefFromCaseSearch, sanitiseQueueFilters, toQueueSearch } from './queue-filters.js';

const CATEGORY = '0b6f2c1e-8a4d-4f7e-9c3b-2d1e0f9a8b7c';

describe('queue filters carried to a case and back', () => {
  it('a case opened from a filtered queue returns to the same filters, search text and page', () => {
    const filters = { scope: 'mine', status: 'in_progress', kind: 'complaint', categoryId: CATEGORY, overdue: '1', q: 'đường & cống', page: '3' };
    const href = caseHrefFromQueue('case-1', filters);
    expect(href).toMatch(/^\/cases\/case-1\?list=/);
    const search = href.slice(href.indexOf('?'));
    expect(queueHrefFromCaseSearch(search)).toBe(`/cases${toQueueSearch(filters)}`);
    expect(new URLSearchParams(queueHrefFromCaseSearch(search).split('?')[1]).get('q')).toBe('đường & cống');
  });

  it('issue 3, point 9: the unit and the received dates travel to the case and back', () => {
    const filters = { scope: 'all', status: 'any', unitId: CATEGORY, receivedFrom: '2026-11-01', receivedTo: '2026-11-30' };
    const href = caseHrefFromQueue('case-1', filters);
    expect(queueHrefFromCaseSearch(href.slice(href.indexOf('?')))).toBe('/cases?scope=all&status=any&unitId=0b6f2c1e-8a4d-4f7e-9c3b-2d1e0f9a8b7c&receivedFrom=2026-11-01&receivedTo=2026-11-30');
    // A plain form submission carries the dates as typed (dd/mm/yyyy); they are kept, and anything that is not a date is dropped.
    expect(sanitiseQueueFilters({ receivedFrom: '01/11/2026', receivedTo: '31/02/2026', unitId: 'HCC' })).toEqual({ receivedFrom: '01/11/2026' });
  });

  it('an unfiltered queue gives a plain case address and a plain way back', () => {
    expect(caseHrefFromQueue('case-1', {})).toBe('/cases/case-1');
    expect(queueHrefFromCaseSearch('')).toBe('/cases');
    expect(queueHrefFromCaseSearch('?other=1')).toBe('/cases');
  });

  it('issue 3 point 4: the missed-step filter travels to the case and back, apart from the overdue one', () => {
    const filters = { status: 'open', overdue: '1', stepOverdue: '1' };
    const href = caseHrefFromQueue('case-1', filters);
    expect(queueHrefFromCaseSearch(href.slice(href.indexOf('?')))).toBe('/cases?status=open&overdue=1&stepOverdue=1');
    expect(sanitiseQueueFilters({ stepOverdue: 'true' })).toEqual({});
  });

  it('keeps only the queue\'s own parameters with well-formed values', () => {
    expect(sanitiseQueueFilters({ scope: 'everyone', status: 'open', kind: 'spam', categoryId: 'not-a-uuid', areaId: CATEGORY, overdue: 'yes', page: '0', q: 'x'.repeat(201), redirect: 'https://evil.example' })).toEqual({ status: 'open', areaId: CATEGORY });
    expect(sanitiseQueueFilters({ status: 'any', page: '12' })).toEqual({ status: 'any', page: '12' });
  });

  it('never leaves the queue, whatever the list parameter holds (no open redirect)', () => {
    for (const hostile of ['//evil.example', 'https://evil.example/x', '/../admin', '?scope=all#x', '%2F%2Fevil.example', 'javascript:alert(1)']) {
      const back = queueHrefFromCaseSearch(`?list=${encodeURIComponent(hostile)}`);
      expect(back === '/cases' || back.startsWith('/cases?'), hostile).toBe(true);
      expect(back).not.toContain('evil');
      expect(back).not.toContain('javascript');
    }
    expect(queueHrefFromCaseSearch(`?list=${encodeURIComponent('scope=all&next=//evil.example')}`)).toBe('/cases?scope=all');
  });
});
