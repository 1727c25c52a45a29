/** The labels the triage workflow sorts tickets into. */
export const TICKET_CATEGORIES = ['bug', 'billing', 'question'] as const;

/** One of `TICKET_CATEGORIES`. */
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** The shared state of the triage graph: each node reads it and returns the keys it sets. */
export interface TriageState {
  readonly ticket: string;
  readonly category?: TicketCategory;
  readonly reply?: string;
  readonly escalated?: boolean;
}
