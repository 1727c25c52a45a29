import {
  Body,
  ConflictException,
  Controller,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import {
  AgentRunEvents,
  RunNotFoundError,
  RunNotResumableError,
  UnknownApprovalError,
  toSse,
} from 'nestjs-conduit';
import type { Observable } from 'rxjs';
import { ApprovalsDto } from './dto/approvals.dto';
import { ResearchRequestDto } from './dto/research-request.dto';
import { ResearchRunner } from './research-runner';

/**
 * The research agent in the background: `POST /research` starts a run and answers with its id at
 * once; `GET /research/:id/events` streams its events over SSE, each with its `id:`, so a browser
 * that reconnects sends `Last-Event-ID` and gets only what it missed (a reload passes `after`, or
 * nothing to replay the run from its start); `POST /research/:id/approvals` decides the pending
 * `publish_report` call; `POST /research/:id/cancel` stops it. Closing the page never stops a run.
 */
@Controller('research')
export class ResearchController {
  constructor(
    private readonly runner: ResearchRunner,
    private readonly runEvents: AgentRunEvents,
  ) {}

  @Post()
  start(@Body() body: ResearchRequestDto): Promise<{ readonly runId: string }> {
    return this.runner.start(body.topic);
  }

  @Sse(':id/events')
  events(
    @Param('id') runId: string,
    @Headers('last-event-id') lastEventId?: string,
    @Query('after') after?: string,
  ): Observable<MessageEvent> {
    const from = lastEventId ?? after;
    return this.runEvents.events(runId, from === undefined ? {} : { after: from }).pipe(toSse());
  }

  @Post(':id/approvals')
  @HttpCode(202)
  async decide(@Param('id') runId: string, @Body() body: ApprovalsDto): Promise<{ runId: string }> {
    await this.runner.decide(runId, body.approvals).catch(toHttpError);
    return { runId };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') runId: string): Promise<{ runId: string; status: string }> {
    const state = await this.runner.cancel(runId).catch(toHttpError);
    return { runId, status: state.status };
  }
}

/** An unknown run is a 404; a decision the run cannot take (nothing pending, wrong ids) a 409. */
function toHttpError(error: unknown): never {
  if (error instanceof RunNotFoundError) throw new NotFoundException(error.message);
  if (error instanceof RunNotResumableError || error instanceof UnknownApprovalError) {
    throw new ConflictException(error.message);
  }
  throw error;
}
