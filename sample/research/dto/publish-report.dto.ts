import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Arguments of the `publish_report` tool. */
export class PublishReportDto {
  /** What the report is about. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly topic!: string;
}
