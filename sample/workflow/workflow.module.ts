import { Module } from '@nestjs/common';
import { TriageWorkflowService } from './triage-workflow.service';
import { WorkflowController } from './workflow.controller';

/** A small workflow graph (lib/flow): ticket triage. */
@Module({ controllers: [WorkflowController], providers: [TriageWorkflowService] })
export class WorkflowModule {}
