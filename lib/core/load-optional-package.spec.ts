import { ConduitError } from './errors/conduit.error';
import { loadOptionalPackage } from './load-optional-package';

const MISSING = 'conduit-package-that-does-not-exist';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

describe('loadOptionalPackage', () => {
  it('names the feature and the exact npm install command when the package is missing', () => {
    const error = thrown(() => loadOptionalPackage(MISSING, 'SomeStore'));
    expect(error).toBeInstanceOf(ConduitError);
    expect((error as Error).message).toBe(
      `SomeStore needs the optional package "${MISSING}", which is not installed. Install it with:\n` +
        `  npm install ${MISSING}`,
    );
    expect((error as Error).cause).toBeDefined();
  });

  it('prints the install command it is given instead of the default', () => {
    expect(() =>
      loadOptionalPackage(MISSING, 'SomeStore', { install: `npm install ${MISSING}@1.2.3 peer` }),
    ).toThrow(`Install it with:\n  npm install ${MISSING}@1.2.3 peer`);
  });

  it('rethrows any other failure as it is: a dependency of the package missing, a broken build', () => {
    const broken = Object.assign(new Error("Cannot find module 'some-inner-dependency'"), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(
      thrown(() =>
        loadOptionalPackage('hnswlib-node', 'HnswVectorStore', {
          load: () => {
            throw broken;
          },
        }),
      ),
    ).toBe(broken);
    const native = new Error('invalid ELF header');
    expect(
      thrown(() =>
        loadOptionalPackage('hnswlib-node', 'HnswVectorStore', {
          load: () => {
            throw native;
          },
        }),
      ),
    ).toBe(native);
  });

  it('loads an installed package, through the loader it is given when there is one', () => {
    expect(
      typeof loadOptionalPackage<{ HierarchicalNSW: unknown }>('hnswlib-node', 'x').HierarchicalNSW,
    ).toBe('function');
    const fake = { fake: true };
    expect(loadOptionalPackage('anything', 'x', { load: () => fake })).toBe(fake);
  });
});
