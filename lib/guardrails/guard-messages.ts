import type { Message, Role } from '../core';
import type { MaybePromise } from './guardrail.types';

/** Checks one text; returns the text to keep (the same or rewritten) or throws. */
type TextGuard = (text: string, role: Role, last: boolean) => MaybePromise<string>;

/** The message with each of its texts replaced as `texts` says (same order as `textsOf`). */
function withTexts(message: Message, texts: readonly string[]): Message {
  if (typeof message.content === 'string') return { ...message, content: texts[0] ?? '' };
  let i = 0;
  const content = message.content.map((part) =>
    part.type === 'text' ? { ...part, text: texts[i++] ?? '' } : part,
  );
  return { ...message, content } as Message;
}

function textsOf(message: Message): string[] {
  if (typeof message.content === 'string') return [message.content];
  const texts: string[] = [];
  for (const part of message.content) if (part.type === 'text') texts.push(part.text);
  return texts;
}

/**
 * The messages with the text of every message whose role is in `roles` checked by `guard`, in
 * order (one at a time, so an asynchronous judge sees them in sequence). The same array comes
 * back when nothing was rewritten; synchronous guards give a synchronous answer.
 */
export function guardMessages(
  messages: readonly Message[],
  roles: readonly Role[],
  guard: TextGuard,
): MaybePromise<readonly Message[]> {
  let out: Message[] | undefined;
  let lastChecked = -1;
  for (let m = messages.length - 1; m >= 0 && lastChecked === -1; m--) {
    if (roles.includes(messages[m].role)) lastChecked = m;
  }
  const visit = (index: number): MaybePromise<readonly Message[]> => {
    for (let m = index; m < messages.length; m++) {
      const message = messages[m];
      if (!roles.includes(message.role)) continue;
      const texts = textsOf(message);
      const kept: string[] = [];
      const finish = (): void => {
        if (kept.some((text, i) => text !== texts[i])) {
          out ??= [...messages];
          out[m] = withTexts(message, kept);
        }
      };
      for (let t = 0; t < texts.length; t++) {
        const checked = guard(texts[t], message.role, m === lastChecked);
        if (checked instanceof Promise) {
          return checked.then(async (first) => {
            kept.push(first);
            for (let u = t + 1; u < texts.length; u++)
              kept.push(await guard(texts[u], message.role, m === lastChecked));
            finish();
            return visit(m + 1);
          });
        }
        kept.push(checked);
      }
      finish();
    }
    return out ?? messages;
  };
  return visit(0);
}
