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
