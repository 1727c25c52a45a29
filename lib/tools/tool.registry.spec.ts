import { ConduitValidationError } from '../core';
import { ToolRegistry } from './tool.registry';

class WeatherService {}
class OtherService {}
class EmptyService {}

const handler = (): string => 'ok';

describe('ToolRegistry', () => {
  let registry: ToolRegistry;

  beforeEach(() => {
    registry = new ToolRegistry();
    registry.addAll([
      {
        name: 'get_weather',
        description: 'Weather',
        handler,
        source: {
          label: 'WeatherService.getWeather',
          classRef: WeatherService,
          methodName: 'getWeather',
        },
      },
      {
        name: 'lookup',
        description: 'Lookup',
        strict: true,
        parameters: { type: 'object', properties: { q: { type: 'string' } } },
        handler,
        source: { label: 'OtherService.lookup', classRef: OtherService, methodName: 'lookup' },
      },
    ]);
  });

  it('lists, gets and removes tools at run time', () => {
    expect(registry.list().map((t) => t.name)).toEqual(['get_weather', 'lookup']);
    const added = registry.add({ name: 'now', description: 'Current time', handler });
    expect(added.source.label).toBe('ToolRegistry.add()');
    expect(registry.get('now')).toBe(added);
    expect(registry.remove('now')).toBe(true);
    expect(registry.has('now')).toBe(false);
    expect(registry.remove('now')).toBe(false);
  });

  it('builds provider tool definitions, keeping strict', () => {
    expect(registry.definitions(['lookup'])).toEqual([
      {
        name: 'lookup',
        description: 'Lookup',
        parameters: { type: 'object', properties: { q: { type: 'string' } } },
        strict: true,
      },
    ]);
    expect(registry.definitions()[0]).toEqual({
      name: 'get_weather',
      description: 'Weather',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
    });
  });

  it('selects all tools, a named list, or the tools of given classes', () => {
    expect(registry.select('all')).toHaveLength(2);
    expect(registry.select(['lookup']).map((t) => t.name)).toEqual(['lookup']);
    expect(registry.select({ classes: [WeatherService] }).map((t) => t.name)).toEqual([
      'get_weather',
    ]);
  });

  it('refuses a selection of a class that gave no tool, saying how to register it', () => {
    expect(() => registry.select({ classes: [WeatherService, EmptyService] })).toThrow(
      "tools.classes: EmptyService has no registered @Tool() method: list it in a module's providers",
    );
  });

  it('refuses a selection naming an unknown tool, listing the known ones', () => {
    expect(() => registry.select(['nope'])).toThrow(
      'tools: unknown tool "nope"; known tools: get_weather, lookup',
    );
  });

  it('refuses a duplicate name, naming both declarations', () => {
    expect(() =>
      registry.add({
        name: 'lookup',
        description: 'Again',
        handler,
        source: { label: 'ThirdService.find' },
      }),
    ).toThrow(
      'ThirdService.find: tool name "lookup" is already declared by OtherService.lookup; give one of them another name with @Tool({ name })',
    );
  });

  it('refuses a bad name or a missing description, all problems at once and nothing added', () => {
    let error: unknown;
    try {
      registry.addAll([
        { name: 'has space', description: 'x', handler, source: { label: 'A.m' } },
        { name: 'x'.repeat(65), description: 'x', handler, source: { label: 'B.n' } },
        { name: 'fine', description: ' ', handler, source: { label: 'C.o' } },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((i) => i.path)).toEqual([
      'A.m',
      'B.n',
      'C.o',
    ]);
    expect((error as ConduitValidationError).message).toContain('tool name "has space" is invalid');
    expect(registry.has('fine')).toBe(false);
  });
});
