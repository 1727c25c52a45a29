import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Query of `GET /rag/ask`. */
export class AskQueryDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  readonly question!: string;
}
