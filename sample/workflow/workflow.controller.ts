import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { TriageRequestDto } from './dto/triage-request.dto';
import type { TriageState } from './triage-state.types';
import { TriageWorkflowService } from './triage-workflow.service';

/** What `POST /workflow/triage` answers. */
export interface TriageAnswer {
  readonly state: TriageState;
  /** The nodes run, in order. */
  readonly path: readonly string[];
}

/** `POST /workflow/triage` runs the triage graph; `GET /workflow/graph` draws it (Mermaid). */
@Controller('workflow')
export class WorkflowController {
  constructor(private readonly triage: TriageWorkflowService) {}

  @Post('triage')
  @HttpCode(200)
  async run(@Body() body: TriageRequestDto): Promise<TriageAnswer> {
    const { state, path } = await this.triage.graph.run({ ticket: body.ticket });
    return { state, path };
  }

  @Get('graph')
  @Header('content-type', 'text/plain; charset=utf-8')
  graph(): string {
    return this.triage.graph.toMermaid();
  }
}
