/** The shell's API client lives in core/ui so module pages share it; see src/core/ui/api-client.ts. */
export { ApiError, api, apiRequest, setApiLocale, setCsrfToken, signInUrl, toApiError, useApiQuery, type FieldErrors, type QueryState, type RequestOptions } from '../../core/ui/api-client.js';
