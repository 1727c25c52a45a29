import type { ParamData } from '@nestjs/common';
import type { ParamsFactory } from '@nestjs/core/helpers/external-context-creator';

/**
 * Hands a tool method its parameters by position: the validated arguments, then the
 * `ToolContext` (see `ToolParamtype`).
 */
export class ToolParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, _data: ParamData, args: unknown): unknown {
    return Array.isArray(args) ? (args as unknown[])[type] : undefined;
  }
}
