/**
 * The environment variables the sample reads (all optional):
 * - `OPENAI_API_KEY`: use OpenAI instead of the local demo model.
 * - `OPENAI_BASE_URL`: an OpenAI-compatible server (Ollama `http://127.0.0.1:11434/v1`, vLLM...);
 *   no key needed for local servers.
 * - `OPENAI_MODEL`: the model id, `gpt-4o-mini` by default.
 * - `ANTHROPIC_API_KEY`: use Anthropic (when no OPENAI_* variable is set).
 * - `ANTHROPIC_MODEL`: the Anthropic model id, `claude-haiku-4-5` by default.
 * - `REDIS_URL`: keep durable runs and their events in Redis and run the research agent on BullMQ
 *   workers (`redis://127.0.0.1:6379`); without it they live in this process's memory.
 * - `PORT`: the HTTP port, 3000 by default; `HOST`: the address to listen on, every interface by
 *   default; `SAMPLE_ADAPTER`: `express` (default) or `fastify` (all three read by main.ts).
 */
export interface SampleEnv {
  readonly OPENAI_API_KEY?: string | undefined;
  readonly OPENAI_BASE_URL?: string | undefined;
  readonly OPENAI_MODEL?: string | undefined;
  readonly ANTHROPIC_API_KEY?: string | undefined;
  readonly ANTHROPIC_MODEL?: string | undefined;
  readonly REDIS_URL?: string | undefined;
}
