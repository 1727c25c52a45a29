import { IsObject } from 'class-validator';

/** Body of `POST /research/:id/approvals`: a decision for each pending tool call. */
export class ApprovalsDto {
  /**
   * `{ [toolCallId]: true }` runs the tool, `false` refuses it. The values are checked by
   * `resume` (a `ConduitValidationError`, answered 422, for anything but booleans).
   */
  @IsObject()
  readonly approvals!: Record<string, boolean>;
}
