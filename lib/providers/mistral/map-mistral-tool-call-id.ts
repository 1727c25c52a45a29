/** Mistral's tool call ids: exactly nine letters and digits. */
const MISTRAL_ID = /^[A-Za-z0-9]{9}$/;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A tool call id Mistral accepts. Mistral rejects any id that is not nine letters and digits
 * (`call_abc...` from OpenAI, `toolu_...` from Anthropic) when a conversation started elsewhere,
 * or replayed from storage, comes back to it. Its own ids pass unchanged; any other id becomes
 * nine base-62 characters of its 64-bit FNV-1a hash: the same id always maps to the same value,
 * so an assistant's call and the tool result that answers it still match.
 */
export function mistralToolCallId(id: string): string {
  if (MISTRAL_ID.test(id)) return id;
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < id.length; i++) {
    hash ^= BigInt(id.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  let out = '';
  for (let i = 0; i < 9; i++) {
    out += ALPHABET[Number(hash % 62n)];
    hash /= 62n;
  }
  return out;
}
