/**
 * What a conversation id and a user id may look like in the sample. No `:`, so the store key
 * `${owner}:${conversationId}` can never be read two ways (user `a:b` with conversation `c` is
 * refused rather than colliding with user `a`'s conversation `b:c`).
 */
export const SAMPLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The part of the message that says what `SAMPLE_ID_PATTERN` accepts. */
export const SAMPLE_ID_RULE = '1 to 64 letters, digits, _ or -';
