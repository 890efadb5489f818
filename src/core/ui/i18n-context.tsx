import { createContext, useContext, type ReactNode } from 'react';
import type { Translate } from '../i18n/translate.js';

const identity: Translate = (key) => key;
const TranslateContext = createContext<Translate>(identity);

/** Gives every design-system component the request's (or the SPA's) translate function. */
export function TranslateProvider({ t, children }: { t: Translate; children: ReactNode }) {
  return <TranslateContext.Provider value={t}>{children}</TranslateContext.Provider>;
}

/** The current translate function; falls back to returning the key. */
export function useT(): Translate {
  return useContext(TranslateContext);
}
