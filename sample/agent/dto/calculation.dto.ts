import { IsIn, IsNumber } from 'class-validator';
import { ToolParam } from 'nestjs-conduit';

/** Arguments of the `calculate` tool: one arithmetic operation. */
export class CalculationDto {
  @ToolParam({ description: 'Left operand' })
  @IsNumber()
  readonly a!: number;

  @ToolParam({ description: 'The operation' })
  @IsIn(['+', '-', '*', '/'])
  readonly operator!: '+' | '-' | '*' | '/';

  @ToolParam({ description: 'Right operand' })
  @IsNumber()
  readonly b!: number;
}
