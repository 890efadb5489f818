/**
 * The design system, browser-safe: components, form helpers and types shared by the SSR portal
 * and the back office SPA. Server-only helpers live in `render.ts` and `portal-context.ts`.
 */
export { TranslateProvider, useT } from './i18n-context.js';
export { PortalLayout, committeeName, markedCommitteeName, languageSwitchHref, type PortalLayoutProps } from './components/layout.js';
export { TextField, TextArea, Select, RadioGroup, CheckboxGroup, FileInput, Button, CsrfField, PostButton, Hint, ErrorMessage, hintId, errorId } from './components/forms.js';
export type { FieldProps, TextFieldProps, TextAreaProps, SelectProps, Option, FileInputProps, ButtonProps } from './components/forms.js';
export { ErrorSummary, Pager, Panel, Notice, SummaryList, Table, VietnameseText, MarkedText, type SummaryError, type SummaryRow, type TableColumn } from './components/content.js';
export { TableWrap, Tag } from './components/staff.js';
export { parseForm, formValues, errorsByField, summaryErrors, textValue, listValue, type FormValues, type ParseFormResult, type ParseFormOptions, type SummaryOptions } from './form.js';
export type { PortalContext, PortalAssets, LayoutContext } from './types.js';
