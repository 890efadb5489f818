import { uiMessages } from '../../../core/ui/messages/index.js';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

/** Portal page messages (keys `portal.`). */
export const portalMessages = { vi, en };

/** Portal + design-system messages, in the shape `mergeCatalogs` takes. */
export const webMessages = [portalMessages, uiMessages] as const;
