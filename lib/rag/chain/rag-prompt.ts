import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { RetrievedDocument } from '../retriever/retrieved-document.types';

/** The default prompt: answer from the context only, say so when it is not there, cite passages. */
export const DEFAULT_RAG_TEMPLATE = [
  'Answer the question using only the context below. If the context does not contain the answer,',
  "say that you don't know. Cite the passages you use by their number, like [1].",
  '',
  'Context:',
  '{context}',
  '',
  'Question: {question}',
].join('\n');

/** Numbered passages, each with its source (or id) on the first line. */
export function formatContext(sources: readonly RetrievedDocument[]): string {
  return sources
    .map((source) => {
      const origin = source.document.metadata['source'] ?? source.document.id;
      return `[${source.rank}] (${String(origin)})\n${source.document.content}`;
    })
    .join('\n\n');
}

/** Checks a template once: it must hold both placeholders. */
export function checkTemplate(template: string): void {
  const missing = ['{context}', '{question}'].filter(
    (placeholder) => !template.includes(placeholder),
  );
  if (missing.length > 0) {
    throw new ConduitValidationError(
      missing.map((placeholder) => ({ path: 'template', message: `must contain ${placeholder}` })),
      'Invalid RagChain options',
    );
  }
}

/**
 * Fills the template in one pass, so braces inside the question or the documents are never
 * expanded again (a question that says "{context}" stays as typed).
 */
export function fillTemplate(template: string, context: string, question: string): string {
  return template.replace(/\{(context|question)\}/g, (_match, key: string) =>
    key === 'context' ? context : question,
  );
}
