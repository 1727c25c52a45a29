import 'reflect-metadata';
import { Controller, Injectable, Logger, Module, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { ConduitValidationError } from '../core';
import { ConduitToolsFeatureModule } from './conduit-tools-feature.module';
import { CONDUIT_TOOLS_OPTIONS } from './tool.constants';
import { Tool } from './tool.decorator';
import type { ToolContext } from './tool-context.types';
import { ToolExecutor } from './tool-executor';
import type { ConduitToolsOptions } from './tool-options.types';
import { ToolParam } from './tool-param.decorator';
import { ToolRegistry } from './tool.registry';
import { CONDUIT_TOOL_PROVIDERS } from './tools.providers';

@Injectable()
class Thermometer {
  read(city: string): number {
    return city === 'Oslo' ? -3 : 21;
  }
}

class CityDto {
  @ToolParam({ description: 'City name' })
  @IsString()
  city!: string;
}

@Injectable()
class WeatherService {
  constructor(private readonly thermometer: Thermometer) {}

  @Tool({ description: 'Current temperature in a city' })
  getTemperature(args: CityDto): { city: string; celsius: number } {
    return { city: args.city, celsius: this.thermometer.read(args.city) };
  }

  @Tool({ name: 'weather_context', description: 'Echoes the call id' })
  callId(_args: CityDto, context: ToolContext): string {
    return context.toolCall.id;
  }

  notATool(): string {
    return 'hidden';
  }
}

@Controller()
class ClockController {
  @Tool({ description: 'The time' })
  now(): string {
    return '12:00';
  }
}

@Injectable()
class BadNameService {
  @Tool({ name: 'get weather!', description: 'Bad' })
  bad(): string {
    return '';
  }
}

@Injectable()
class DuplicateService {
  @Tool({ name: 'getTemperature', description: 'Again' })
  other(): string {
    return '';
  }
}

@Injectable()
class LibraryService {
  @Tool({ description: 'A library tool' })
  libraryTool(): string {
    return 'lib';
  }
}

@Injectable()
class PlainParamService {
  @Tool({ description: 'Typed with an interface' })
  loose(args: { city: string }): string {
    return args.city;
  }
}

async function compile(
  providers: readonly Type<unknown>[],
  options: ConduitToolsOptions = {},
  imports: readonly Type<unknown>[] = [],
) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ...imports],
    controllers: [ClockController],
    providers: [
      ...CONDUIT_TOOL_PROVIDERS,
      { provide: CONDUIT_TOOLS_OPTIONS, useValue: options },
      Thermometer,
      ...providers,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

async function bootstrapError(
  providers: readonly Type<unknown>[],
): Promise<ConduitValidationError> {
  try {
    await compile(providers);
  } catch (error) {
    return error as ConduitValidationError;
  }
  throw new Error('bootstrap did not fail');
}

describe('ToolExplorer', () => {
  it('registers @Tool() methods of providers and controllers, name defaulting to the method', async () => {
    const moduleRef = await compile([WeatherService]);
    const registry = moduleRef.get(ToolRegistry);
    expect(
      registry
        .list()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['getTemperature', 'now', 'weather_context']);
    expect(registry.get('getTemperature')?.source).toMatchObject({
      label: 'WeatherService.getTemperature',
      classRef: WeatherService,
      methodName: 'getTemperature',
    });
    expect(registry.get('getTemperature')?.definition).toEqual({
      name: 'getTemperature',
      description: 'Current temperature in a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string', description: 'City name' } },
        required: ['city'],
        additionalProperties: false,
      },
    });
    await moduleRef.close();
  });

  it('runs discovered tools with their injected dependencies and the tool context', async () => {
    const moduleRef = await compile([WeatherService]);
    const executor = moduleRef.get(ToolExecutor);
    const temperature = await executor.execute({
      id: 'c1',
      name: 'getTemperature',
      arguments: { city: 'Oslo' },
      rawArguments: '{"city":"Oslo"}',
    });
    expect(temperature).toMatchObject({ isError: false, content: '{"city":"Oslo","celsius":-3}' });
    const context = await executor.execute({
      id: 'c2',
      name: 'weather_context',
      arguments: { city: 'x' },
      rawArguments: '',
    });
    expect(context.content).toBe('c2');
    await moduleRef.close();
  });

  it('fails the bootstrap on a bad tool name, naming the class and method', async () => {
    const error = await bootstrapError([BadNameService]);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect(error.message).toContain('Invalid @Tool() declarations');
    expect(error.issues).toEqual([
      {
        path: 'BadNameService.bad',
        message:
          'tool name "get weather!" is invalid: use 1 to 64 letters, digits, "_" or "-" (set @Tool({ name }))',
      },
    ]);
  });

  it('fails the bootstrap on a duplicate name, naming both classes', async () => {
    const error = await bootstrapError([WeatherService, DuplicateService]);
    expect(error.issues).toHaveLength(1);
    expect(error.message).toMatch(/WeatherService\.getTemperature/);
    expect(error.message).toMatch(/DuplicateService\.other/);
  });

  it("with discovery 'feature', registers only the classes a module opted in with forFeature", async () => {
    @Module({ imports: [ConduitToolsFeatureModule.register({ tools: [WeatherService] })] })
    class FeatureModule {}
    const moduleRef = await compile([WeatherService, LibraryService], { discovery: 'feature' }, [
      FeatureModule,
    ]);
    const names = moduleRef
      .get(ToolRegistry)
      .list()
      .map((t) => t.name);
    expect(names.sort()).toEqual(['getTemperature', 'weather_context']);
    await moduleRef.close();
  });

  it('fails the bootstrap when forFeature lists a class without tools', async () => {
    @Module({ imports: [ConduitToolsFeatureModule.register({ tools: [Thermometer] })] })
    class FeatureModule {}
    await expect(
      compile([WeatherService], { discovery: 'feature' }, [FeatureModule]),
    ).rejects.toThrow('Thermometer is not a provider or controller with @Tool() methods');
  });

  it('warns when a tool method takes an argument that is not a class', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const moduleRef = await compile([PlainParamService]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('PlainParamService.loose: the first parameter is not a class'),
    );
    expect(moduleRef.get(ToolRegistry).get('loose')?.schema).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
    warn.mockRestore();
    await moduleRef.close();
  });
});
