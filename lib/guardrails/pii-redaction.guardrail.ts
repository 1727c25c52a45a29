import { Inject, Injectable, Optional } from '@nestjs/common';
import { redactSecrets } from '../core/redact-secrets';
import { Guardrail } from './guardrail';
import type { GuardrailCheckContext, GuardrailDecision, GuardrailOptions } from './guardrail.types';
import { PII_REDACTION_GUARDRAIL_OPTIONS } from './guardrail-options.tokens';
import { findPii } from './pii/find-pii';
import type { PiiKind } from './pii/pii-kind.types';

/** Options of `PiiRedactionGuardrail`. */
export interface PiiRedactionGuardrailOptions extends GuardrailOptions {
  /** What to look for (default: all of `email`, `phone`, `card`, `iban`, `api_key`). */
  readonly kinds?: readonly PiiKind[];
  /** Replace each finding (`redact`, default) or fail the call (`block`). */
  readonly action?: 'redact' | 'block';
  /**
   * Where to look (default `input` and `output`; add `tool-result` to clean what tools return
   * before the model reads it in an agent loop).
   */
  readonly stages?: readonly ('input' | 'output' | 'tool-result')[];
  /** The text put in place of a finding. Default: `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`, `[API_KEY]`. */
  readonly replacement?: (kind: PiiKind) => string;
}

const CREDENTIAL_HINT = /api[-_]?key|authorization|bearer|sk[-_]|xai-|gsk_/i;

const ALL_KINDS: readonly PiiKind[] = ['email', 'phone', 'card', 'iban', 'api_key'];

function defaultReplacement(kind: PiiKind): string {
  return `[${kind.toUpperCase()}]`;
}

/**
 * Finds emails, phone numbers, payment card numbers (Luhn-checked), IBANs (checksum-checked) and
 * API keys in prompts and answers, and replaces them (or blocks the call), so the original never
 * reaches the model, the client or the logs: register it inside `LoggingInterceptor` (after it in
 * the list), which then logs the redacted messages and answer. Zero-width characters slipped
 * into a value and digits of other scripts (`４１１１`, `٤١١١`) do not hide it; in `buffer` and
 * `chunked` modes a value split across stream deltas is found whole. The scan is linear in the
 * text. Input checks cover user and tool messages by default.
 *
 * @example
 * ConduitModule.forRoot({ models, interceptors: [new PiiRedactionGuardrail({ mode: 'buffer' })] })
 */
@Injectable()
export class PiiRedactionGuardrail extends Guardrail {
  private readonly kinds: ReadonlySet<PiiKind>;
  private readonly stages: ReadonlySet<string>;

  constructor(
    @Optional()
    @Inject(PII_REDACTION_GUARDRAIL_OPTIONS)
    protected override readonly options: PiiRedactionGuardrailOptions = {},
  ) {
    super({ inputRoles: ['user', 'tool'], ...options });
    this.kinds = new Set(options.kinds ?? ALL_KINDS);
    this.stages = new Set(options.stages ?? ['input', 'output']);
  }

  /**
   * The text with every finding replaced, and the kinds found (in order of appearance, each
   * once). Credential assignments (`api_key=...`) are masked as everywhere in the library.
   */
  redact(text: string): { readonly text: string; readonly kinds: readonly PiiKind[] } {
    const spans = findPii(text, this.kinds);
    const replacement = this.options.replacement ?? defaultReplacement;
    const kinds = new Set<PiiKind>();
    let out = '';
    let from = 0;
    for (const span of spans) {
      out += text.slice(from, span.start) + replacement(span.kind);
      from = span.end;
      kinds.add(span.kind);
    }
    out += text.slice(from);
    // The library's credential rules (`api_key=...`, `Authorization: ...`) on top of the shapes
    // above, run only when such a name (or a key prefix) is there.
    if (this.kinds.has('api_key') && CREDENTIAL_HINT.test(out)) {
      const masked = redactSecrets(out);
      if (masked !== out) {
        out = masked;
        kinds.add('api_key');
      }
    }
    return { text: spans.length === 0 && kinds.size === 0 ? text : out, kinds: [...kinds] };
  }

  /** Redacts or blocks; the decision names the kinds found, never the values. */
  protected decide(text: string): GuardrailDecision {
    const { text: redacted, kinds } = this.redact(text);
    if (kinds.length === 0) return { allow: true };
    if (this.options.action === 'block') {
      return { block: true, reason: `found ${kinds.join(', ')}`, category: 'pii' };
    }
    return { rewrite: redacted, categories: kinds };
  }

  protected override checkInput(text: string, _context: GuardrailCheckContext): GuardrailDecision {
    return this.stages.has('input') ? this.decide(text) : { allow: true };
  }

  protected override checkOutput(text: string, _context: GuardrailCheckContext): GuardrailDecision {
    return this.stages.has('output') ? this.decide(text) : { allow: true };
  }

  protected override checkToolResult(
    text: string,
    _context: GuardrailCheckContext,
  ): GuardrailDecision {
    return this.stages.has('tool-result') ? this.decide(text) : { allow: true };
  }
}
