import type {
  CallKind,
  CallOutput,
  ChatResponse,
  EmbeddingResponse,
  FinishReason,
  ProviderMetadata,
  StreamEvent,
  ToolResult,
  Usage,
} from '../../core';

/**
 * What a call produced so far, gathered from its output values: the usage the provider reported,
 * the finish reason, and for streams the text and tool arguments received (to estimate the
 * output when a cancelled stream never reported usage).
 */
export interface CallOutcome {
  usage: Usage | undefined;
  finishReason: FinishReason | undefined;
  /** Values (stream events, or the one response) seen. */
  values: number;
  /** Streamed answer, reasoning and tool-argument text, for output estimates. */
  streamedText: string;
  /** For tool calls: whether the tool reported an error. */
  toolError: boolean | undefined;
  /**
   * The deployment that answered, when the alias is a pool of deployments
   * (`providerMetadata.conduit.deployment`): logs and cost records name it.
   */
  deployment: string | undefined;
}

/** An empty outcome, before the first value. */
export function emptyOutcome(): CallOutcome {
  return {
    usage: undefined,
    finishReason: undefined,
    values: 0,
    streamedText: '',
    toolError: undefined,
    deployment: undefined,
  };
}

/** Folds one output value of a call of `kind` into `outcome`. */
export function recordOutput(kind: CallKind, value: CallOutput, outcome: CallOutcome): void {
  outcome.values++;
  switch (kind) {
    case 'chat': {
      const response = value as ChatResponse;
      outcome.usage = response.usage;
      outcome.finishReason = response.finishReason;
      outcome.deployment = deploymentOf(response.providerMetadata);
      break;
    }
    case 'embed': {
      const tokens = (value as EmbeddingResponse).usage.inputTokens;
      outcome.usage = { inputTokens: tokens, outputTokens: 0, totalTokens: tokens };
      break;
    }
    case 'tool':
      outcome.toolError = (value as ToolResult).isError;
      break;
    case 'stream':
      recordEvent(value as StreamEvent, outcome);
      break;
  }
}

function recordEvent(event: StreamEvent, outcome: CallOutcome): void {
  switch (event.type) {
    case 'text-delta':
    case 'reasoning-delta':
    case 'refusal-delta':
      outcome.streamedText += event.delta;
      break;
    case 'tool-call-delta':
      outcome.streamedText += event.argumentsDelta;
      break;
    case 'usage':
      outcome.usage = event.usage;
      break;
    case 'finish':
      outcome.usage = event.usage;
      outcome.finishReason = event.finishReason;
      outcome.deployment = deploymentOf(event.providerMetadata);
      break;
    default:
      break;
  }
}

/** `providerMetadata.conduit.deployment`, set by a pool of deployments (`DeploymentPoolChatModel`). */
function deploymentOf(metadata: ProviderMetadata | undefined): string | undefined {
  const name = metadata?.['conduit']?.['deployment'];
  return typeof name === 'string' ? name : undefined;
}
