import { ConduitError } from '../../core/errors/conduit.error';
import { loadOptionalPackage } from './load-optional-package';

describe('loadOptionalPackage', () => {
  it('names the exact install command when the package is missing', () => {
    let caught: unknown;
    try {
      loadOptionalPackage(
        'conduit-package-that-does-not-exist',
        'SomeStore',
        'npm i conduit-package-that-does-not-exist',
      );
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConduitError);
    expect((caught as Error).message).toBe(
      'SomeStore needs the optional package "conduit-package-that-does-not-exist", which is not installed. Install it with:\n' +
        '  npm i conduit-package-that-does-not-exist',
    );
  });

  it('loads an installed package', () => {
    expect(
      typeof loadOptionalPackage<{ HierarchicalNSW: unknown }>('hnswlib-node', 'x', 'y')
        .HierarchicalNSW,
    ).toBe('function');
  });
});
