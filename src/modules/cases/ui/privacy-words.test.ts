import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../core/i18n/translate.js';
import { CASE_KINDS, getCaseKindPolicy } from '../domain/index.js';
import { privacyLabel, whoSeesWhat } from './components/case-words.js';
import { caseUiCatalogs } from './i18n.js';

/*
 * The privacy words speak to their reader: the resident choosing on the portal ("tên tôi", "bạn"),
 * staff reading about the sender in the back office ("người gửi"). The back office used to tell the
 * officer "Your identity is sealed" and "Only the handling officer knows my name".
 */
describe('privacy words in the voice of their reader', () => {
  for (const locale of ['vi', 'en'] as const) {
    const t = createTranslate(caseUiCatalogs, locale);
    const firstOrSecondPerson = locale === 'vi' ? /\b(tôi|bạn)\b/iu : /\b(you|your|my|me|I)\b/u;
    it(`${locale}: staff read about the sender, residents about themselves, for every kind and choice`, () => {
      for (const kind of CASE_KINDS) {
        for (const privacy of getCaseKindPolicy(kind).allowedPrivacy) {
          const staff = [privacyLabel(privacy, t, 'staff'), ...whoSeesWhat(kind, privacy, t, 'staff')];
          for (const line of staff) {
            expect(line, `${kind}/${privacy}`).not.toMatch(firstOrSecondPerson);
            expect(line, `${kind}/${privacy}`).not.toMatch(/^cases\./);
          }
          expect(whoSeesWhat(kind, privacy, t).join(' '), `${kind}/${privacy}`).not.toBe(whoSeesWhat(kind, privacy, t, 'staff').join(' '));
        }
      }
      expect(privacyLabel('handler_only', t)).toMatch(locale === 'vi' ? /tôi/ : /my/);
    });
  }
});
