import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

/** Messages of the design-system components (keys `ui.`); merged into the app catalogs. */
export const uiMessages = { vi, en };
