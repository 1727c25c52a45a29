import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, of, defer } from 'rxjs';
import { ConduitRequestContext } from './conduit-request-context';
import { ConduitRequestContextInterceptor } from './conduit-request-context.interceptor';
import { ConduitRequestContextMiddleware } from './conduit-request-context.middleware';

describe('ConduitRequestContext', () => {
  const context = new ConduitRequestContext();

  it('is empty outside a request', () => {
    expect(context.active).toBe(false);
    expect(context.request()).toBeUndefined();
    expect(context.user()).toBeUndefined();
    context.set('tenant', 'ignored');
    expect(context.get('tenant')).toBeUndefined();
  });

  it('exposes the request, its user (read lazily) and per-request values across awaits', async () => {
    const request: { user?: unknown } = {};
    const seen = await ConduitRequestContext.run(request, async () => {
      request.user = { id: 'u-1' };
      context.set('tenant', 'acme');
      await new Promise((resolve) => setImmediate(resolve));
      return {
        active: context.active,
        request: context.request(),
        user: context.user(),
        tenant: context.get('tenant'),
      };
    });
    expect(seen).toEqual({ active: true, request, user: { id: 'u-1' }, tenant: 'acme' });
  });

  it('keeps concurrent requests apart', async () => {
    const read = (name: string) =>
      ConduitRequestContext.run({ user: name }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return context.user<string>();
      });
    expect(await Promise.all([read('a'), read('b')])).toEqual(['a', 'b']);
  });

  it('is installed by the middleware for the rest of the request', () => {
    const request = { user: 'mw' };
    let seen: unknown;
    new ConduitRequestContextMiddleware().use(request, {}, () => {
      seen = context.request();
    });
    expect(seen).toBe(request);
  });

  it('is installed by the interceptor around the handler, for HTTP, RPC, GraphQL and WebSockets', async () => {
    const interceptor = new ConduitRequestContextInterceptor();
    const httpRequest = { user: 'http' };
    const http = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => httpRequest }),
    } as unknown as ExecutionContext;
    const next: CallHandler = { handle: () => defer(() => of(context.request())) };
    expect(await firstValueFrom(interceptor.intercept(http, next))).toBe(httpRequest);
    const rpcContext = { user: 'rpc' };
    const rpc = {
      getType: () => 'rpc',
      switchToRpc: () => ({ getContext: () => rpcContext }),
    } as unknown as ExecutionContext;
    expect(await firstValueFrom(interceptor.intercept(rpc, next))).toBe(rpcContext);
    const graphqlRequest = { user: 'gql' };
    const graphql = {
      getType: () => 'graphql',
      getArgByIndex: (index: number) => (index === 2 ? { req: graphqlRequest } : undefined),
    } as unknown as ExecutionContext;
    expect(await firstValueFrom(interceptor.intercept(graphql, next))).toBe(graphqlRequest);
    const wsClient = { id: 'socket' };
    const ws = {
      getType: () => 'ws',
      switchToWs: () => ({ getClient: () => wsClient }),
    } as unknown as ExecutionContext;
    expect(await firstValueFrom(interceptor.intercept(ws, next))).toBe(wsClient);
  });

  it('leaves a tool call in the context of the request that started it (APP_INTERCEPTOR runs on tools too)', async () => {
    const interceptor = new ConduitRequestContextInterceptor();
    const httpRequest = { user: 'alice' };
    const toolContext = {
      getType: () => 'conduit-tool',
      switchToRpc: () => ({ getContext: () => ({ toolCallId: 'call_1' }) }),
    } as unknown as ExecutionContext;
    const next: CallHandler = { handle: () => defer(() => of(context.user())) };
    const seen = await ConduitRequestContext.run(httpRequest, () =>
      firstValueFrom(interceptor.intercept(toolContext, next)),
    );
    expect(seen).toBe('alice');
  });
});
