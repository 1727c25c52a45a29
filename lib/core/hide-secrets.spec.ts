import { format, inspect } from 'node:util';
import { hideSecrets } from './hide-secrets';

const KEY = 'sk-hide-0123456789abcdef';

class Holder {
  readonly visible = 'shown';

  constructor(
    private readonly settings: { readonly apiKey: string },
    readonly secrets: readonly string[] = [KEY],
  ) {
    hideSecrets(this, 'settings', 'secrets');
  }

  key(): string {
    return this.settings.apiKey;
  }
}

/** Every accidental way of printing an object, including the ones that show hidden properties. */
function printed(value: unknown): string[] {
  return [
    inspect(value, { depth: null }),
    inspect(value, { depth: null, showHidden: true }),
    format('%o', value),
    format('%O', value),
    format('%j', value),
    JSON.stringify(value),
    JSON.stringify({ ...(value as object) }),
  ];
}

describe('hideSecrets', () => {
  it('keeps the values readable by the class and the caller', () => {
    const holder = new Holder({ apiKey: KEY });
    expect(holder.key()).toBe(KEY);
    expect(holder.secrets).toEqual([KEY]);
  });

  it('hides them from inspect (even showHidden and %o), JSON and spreads', () => {
    const holder = new Holder({ apiKey: KEY });
    for (const text of printed(holder)) {
      expect(text).not.toContain(KEY);
      expect(text).toContain('shown');
    }
    expect(Object.keys(holder)).toEqual(['visible']);
  });

  it('still refuses assignment, like readonly', () => {
    const holder = new Holder({ apiKey: KEY }) as unknown as { secrets: unknown };
    expect(() => {
      holder.secrets = [];
    }).toThrow(TypeError);
  });

  it('hiding a property twice keeps its value', () => {
    const holder = new Holder({ apiKey: KEY });
    hideSecrets(holder, 'secrets');
    expect(holder.secrets).toEqual([KEY]);
    expect(JSON.stringify(holder)).toBe('{"visible":"shown"}');
  });

  it('throws on a name that is not an own property, so a renamed field is caught', () => {
    expect(() => hideSecrets(new Holder({ apiKey: KEY }), 'setings')).toThrow(
      'hideSecrets: Holder has no own property "setings"',
    );
  });
});
