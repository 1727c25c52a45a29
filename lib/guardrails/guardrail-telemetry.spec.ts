import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ChatService } from '../chat/chat.service';
import { OpenTelemetryInterceptor } from '../ops/open-telemetry.interceptor';
import { createConduitTestingModule } from '../testing/create-conduit-testing-module';
import { MockChatModel } from '../testing/mock-chat-model';
import { PiiRedactionGuardrail } from './pii-redaction.guardrail';

describe('guardrail decisions in OpenTelemetry', () => {
  it('become conduit.guardrail span events on the call span, without the checked text', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const moduleRef = await createConduitTestingModule({
      models: { default: new MockChatModel({ responses: ['Mail jane@example.com'] }) },
      interceptors: [
        new OpenTelemetryInterceptor({ tracerProvider: provider }),
        new PiiRedactionGuardrail({ logger: false }),
      ],
    }).compile();
    await moduleRef.get(ChatService).chat('my card is 4111 1111 1111 1111');
    const [span] = exporter.getFinishedSpans();
    const events = span?.events.map((e) => ({ name: e.name, ...e.attributes }));
    expect(events).toEqual([
      {
        name: 'conduit.guardrail',
        'conduit.guardrail.guardrail': 'PiiRedactionGuardrail',
        'conduit.guardrail.stage': 'input',
        'conduit.guardrail.outcome': 'rewrite',
        'conduit.guardrail.category': 'card',
        'conduit.guardrail.enforced': true,
      },
      {
        name: 'conduit.guardrail',
        'conduit.guardrail.guardrail': 'PiiRedactionGuardrail',
        'conduit.guardrail.stage': 'output',
        'conduit.guardrail.outcome': 'rewrite',
        'conduit.guardrail.category': 'email',
        'conduit.guardrail.enforced': true,
      },
    ]);
    expect(JSON.stringify(span?.events)).not.toMatch(/4111|jane/);
    await provider.shutdown();
  });
});
