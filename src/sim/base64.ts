// Base64 of UTF-8 text, as Secrets, `base64` and docker configs use it. Workers have btoa/atob
// but they work on Latin-1 "binary strings", so text goes through its UTF-8 bytes.

export function utf8ToBase64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Decodes base64 to text; "" when the input is not base64. */
export function base64ToUtf8(s: string): string {
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return "";
  }
}
