import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /agent` and query of `GET /agent/stream`. */
export class AgentRequestDto {
  /** The question, e.g. "What is the weather in Paris?". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly message!: string;
}
