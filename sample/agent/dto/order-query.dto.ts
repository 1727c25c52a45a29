import { IsString, Matches } from 'class-validator';
import { ToolParam } from 'nestjs-conduit';

/** Arguments of the `get_order_status` tool. */
export class OrderQueryDto {
  @ToolParam({ description: 'The order number, e.g. "42"' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,20}$/)
  readonly orderId!: string;
}
