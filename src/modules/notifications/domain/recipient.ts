/** Show enough of an address for an admin to recognise it, not enough to harvest it. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) {
    const local = recipient.slice(0, at);
    return `${local.slice(0, 1)}${'*'.repeat(Math.max(1, Math.min(local.length - 1, 6)))}${recipient.slice(at)}`;
  }
  if (recipient.length <= 4) return '*'.repeat(recipient.length);
  return `${recipient.slice(0, 3)}${'*'.repeat(recipient.length - 5)}${recipient.slice(-2)}`;
}

/** Remove the recipient's address from a provider error before it is stored or logged. */
export function scrubRecipient(text: string, recipient: string): string {
  return recipient ? text.split(recipient).join('[recipient]') : text;
}
