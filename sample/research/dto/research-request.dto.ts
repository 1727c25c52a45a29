import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /research`. */
export class ResearchRequestDto {
  /** The topic, e.g. "EV batteries". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly topic!: string;
}
