/** The categories of OpenAI's moderation models (`omni-moderation-latest`), as on the wire. */
export type ModerationCategory =
  | 'harassment'
  | 'harassment/threatening'
  | 'hate'
  | 'hate/threatening'
  | 'illicit'
  | 'illicit/violent'
  | 'self-harm'
  | 'self-harm/intent'
  | 'self-harm/instructions'
  | 'sexual'
  | 'sexual/minors'
  | 'violence'
  | 'violence/graphic';

/** One input's verdict, read from the `/v1/moderations` answer. */
export interface ModerationResult {
  /** Whether the moderation model flagged the input at all. */
  readonly flagged: boolean;
  /** The categories the model flagged. */
  readonly categories: readonly ModerationCategory[];
  /** Score of each category the answer carried, 0 to 1. */
  readonly scores: Readonly<Partial<Record<ModerationCategory, number>>>;
}
