import pino, { type Logger } from 'pino';

/**
 * Structured logs without secrets or personal data: cookies, auth headers, CSRF tokens and any
 * body field that can carry identity are redacted before they reach a log line.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.totpCode',
  '*.email',
  '*.phone',
  '*.fullName',
  '*.identity',
  '*.api_key',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: {
        // Only method, path (no query string: it may carry tokens or codes) and ids.
        req: (request: { method?: string; url?: string; id?: string }) => ({ method: request.method, path: request.url?.split('?')[0], id: request.id }),
      },
    },
    destination,
  );
}
