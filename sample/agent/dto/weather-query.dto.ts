import { IsString, MaxLength, MinLength } from 'class-validator';
import { ToolParam } from 'nestjs-conduit';

/** Arguments of the `get_weather` tool. */
export class WeatherQueryDto {
  @ToolParam({ description: 'City name, e.g. "Paris"' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  readonly city!: string;
}
