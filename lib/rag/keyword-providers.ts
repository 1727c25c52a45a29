import type { Provider } from '@nestjs/common';
import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import { KeywordIndex } from './keyword/keyword-index';
import type {
  HybridRetrieverRegistration,
  KeywordRetrieverRegistration,
  RagModuleOptions,
} from './rag-module-options.types';
import { getKeywordIndexToken, getRetrieverToken } from './rag.tokens';
import type { DocumentRetriever } from './retriever/document-retriever';
import { HybridRetriever } from './retriever/hybrid-retriever';
import { KeywordRetriever } from './retriever/keyword-retriever';

/** The providers of `RagModule`'s `keywordIndexes` (an instance, or a factory). */
export function keywordIndexProviders(options: RagModuleOptions): Provider[] {
  return Object.entries(options.keywordIndexes ?? {}).map(([name, registration]) =>
    registration instanceof KeywordIndex
      ? { provide: getKeywordIndexToken(name), useValue: registration }
      : {
          provide: getKeywordIndexToken(name),
          useFactory: registration.useFactory,
          inject: [...(registration.inject ?? [])],
        },
  );
}

/** A `KeywordRetriever` over a registered keyword index. */
export function keywordRetrieverProvider(
  name: string,
  registration: KeywordRetrieverRegistration,
): Provider {
  const { keywordIndex, ...defaults } = registration;
  return {
    provide: getRetrieverToken(name),
    useFactory: (index: KeywordIndex) => new KeywordRetriever({ ...defaults, index }),
    inject: [getKeywordIndexToken(keywordIndex)],
  };
}

/** A `HybridRetriever` over other registered retrievers. */
export function hybridRetrieverProvider(
  name: string,
  registration: HybridRetrieverRegistration,
): Provider {
  const { hybrid, ...defaults } = registration;
  return {
    provide: getRetrieverToken(name),
    useFactory: (...retrievers: DocumentRetriever[]) =>
      new HybridRetriever({ ...defaults, retrievers }),
    inject: hybrid.map(getRetrieverToken),
  };
}

/**
 * Hybrid retrievers that list no member or run in a circle (`a: { hybrid: ['b'] }`,
 * `b: { hybrid: ['a'] }`) are reported at once, before Nest would fail on an unresolvable
 * dependency with a less readable message. Members registered elsewhere are not checked here.
 */
export function checkHybridRegistrations(options: RagModuleOptions): void {
  const retrievers = options.retrievers ?? {};
  const membersOf = (name: string): readonly string[] => {
    const registration = retrievers[name];
    return registration !== undefined && 'hybrid' in registration ? registration.hybrid : [];
  };
  const issues: ValidationIssue[] = [];
  for (const [name, registration] of Object.entries(retrievers)) {
    if (!('hybrid' in registration)) continue;
    const members: unknown = registration.hybrid;
    if (!isNameList(members) || members.length === 0) {
      issues.push({
        path: `retrievers.${name}.hybrid`,
        message: 'must name at least one retriever',
      });
      continue;
    }
    const seen = new Set<string>();
    const pending = [...members];
    while (pending.length > 0) {
      const member = pending.pop() as string;
      if (member === name) {
        issues.push({
          path: `retrievers.${name}.hybrid`,
          message: 'includes itself (directly or through another hybrid retriever)',
        });
        break;
      }
      if (seen.has(member)) continue;
      seen.add(member);
      pending.push(...membersOf(member));
    }
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid RagModule options');
}

/** Whether a registration's `hybrid` is what its type says (options can come from plain JS). */
function isNameList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}
