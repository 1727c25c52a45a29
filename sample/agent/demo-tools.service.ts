import { Injectable } from '@nestjs/common';
import { Tool, ToolError } from 'nestjs-conduit';
import { CalculationDto } from './dto/calculation.dto';
import { OrderQueryDto } from './dto/order-query.dto';
import { WeatherQueryDto } from './dto/weather-query.dto';

/** What `get_weather` answers. */
export interface Weather {
  readonly city: string;
  readonly temperatureC: number;
  readonly sky: string;
}

/** What `get_order_status` answers. */
export interface OrderStatus {
  readonly orderId: string;
  readonly status: 'processing' | 'shipped' | 'delivered';
}

const SKIES = ['sunny', 'cloudy', 'light rain', 'windy'] as const;
const STATUSES = ['processing', 'shipped', 'delivered'] as const;

/**
 * The tools of the sample's agent: plain `@Tool()` methods on a Nest provider. The arguments arrive
 * validated against their DTO; invalid ones go back to the model as an error result. The data is
 * made up (derived from the input, so the same question always gets the same answer).
 */
@Injectable()
export class DemoToolsService {
  @Tool({ name: 'get_weather', description: 'Current weather in a city (demo data)' })
  getWeather(args: WeatherQueryDto): Weather {
    const seed = hash(args.city.toLowerCase());
    return { city: args.city, temperatureC: 5 + (seed % 25), sky: SKIES[seed % SKIES.length] };
  }

  @Tool({ description: 'Exact arithmetic on two numbers: a + b, a - b, a * b or a / b' })
  calculate(args: CalculationDto): { readonly result: number } {
    const { a, b } = args;
    // A ToolError reaches the model as an error result it can explain, not as an HTTP 500; any
    // other error would reach it as its class only (its message may hold what the model must not see).
    if (args.operator === '/' && b === 0) throw new ToolError('Division by zero');
    const results = { '+': a + b, '-': a - b, '*': a * b, '/': a / b };
    return { result: results[args.operator] };
  }

  @Tool({ name: 'get_order_status', description: 'Where a customer order is (demo data)' })
  getOrderStatus(args: OrderQueryDto): OrderStatus {
    return { orderId: args.orderId, status: STATUSES[hash(args.orderId) % STATUSES.length] };
  }
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}
