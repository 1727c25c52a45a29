import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /workflow/triage`. */
export class TriageRequestDto {
  /** A support ticket, e.g. "The export button crashes the app (bug)". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly ticket!: string;
}
