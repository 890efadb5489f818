/**
 * A link someone outside the commune chose (Open311 `media_url`), made safe to show staff: only an
 * absolute http/https address with a host and no user name or password becomes a link. Anything else
 * (`javascript:`, `data:`, a bare word) is shown as text and never as an `href`, whatever the
 * database holds. The host is the punycode form the browser will contact (`xn--…`), so a look-alike
 * Unicode name cannot pass for the commune's own partner.
 */
export interface ExternalLink {
  href: string;
  host: string;
}

/** The link and its host, or null when the address must not be opened from the page. */
export function externalLinkOf(address: string): ExternalLink | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return { href: url.href, host: url.host };
}
