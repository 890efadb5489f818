/** Public API of the Vietnamese working-day calendar. */
export * from './local-date.js';
export { solarToLunar, lunarToSolar, lunarNewYear, LUNAR_CALENDAR_VERIFIED_YEARS, type LunarDate } from './lunar-calendar.js';
export * from './holidays.js';
export * from './working-calendar.js';
export * from './format-local-date.js';
