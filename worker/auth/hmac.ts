async function hmacKey(secret: string) {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}
const toB64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromB64url = (text: string) => {
  try {
    return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
};

export async function hmacSign(secret: string, message: string): Promise<string> {
  return toB64url(await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(message)));
}

/** Constant-time, through WebCrypto's own verify. */
export async function hmacVerify(secret: string, message: string, signature: string): Promise<boolean> {
  return crypto.subtle.verify("HMAC", await hmacKey(secret), fromB64url(signature), new TextEncoder().encode(message));
}

/**
 * A signed ticket, `subject.expires.signature` (expires in Unix seconds): the signature covers the
 * caller's message, which names what the ticket is for, so a ticket made for one use fails every other.
 */
export async function signTicket(secret: string, subject: string, expires: number, message: string): Promise<string> {
  return `${subject}.${expires}.${await hmacSign(secret, message)}`;
}

/** A ticket's parts, before its signature is checked; null when it is not shaped as one. */
export function ticketParts(ticket: string): { subject: string; expires: number; signature: string } | null {
  const parts = ticket.split(".");
  const signature = parts.pop() ?? "";
  const expires = Number(parts.pop());
  const subject = parts.join(".");
  return subject && Number.isSafeInteger(expires) ? { subject, expires, signature } : null;
}
