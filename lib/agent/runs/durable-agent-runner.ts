import { Logger } from '@nestjs/common';
import { AbortedError } from '../../core/errors/aborted.error';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { isRecord } from '../../core/is-record';
import type { AgentEvent } from '../agent-event.types';
import { createRunSignal } from '../run-signal';
import type {
  AgentStartOptions,
  ContinueRunOptions,
  DurableAgentRuns,
  ResumeRunOptions,
  RunControls,
} from './agent-run-options.types';
import type { AgentRunState } from './agent-run-state.types';
import {
  Drive,
  RunCancelled,
  type DriveHost,
  type DurableAgentRunnerDeps,
} from './durable-run-drive';
import { RunConflictError } from './errors/run-conflict.error';
import { RunNotFoundError } from './errors/run-not-found.error';
import { RunNotResumableError } from './errors/run-not-resumable.error';
import { UnknownApprovalError } from './errors/unknown-approval.error';
import { initialRunState } from './initial-run-state';
import { isFinalRunStatus } from './parse-run-state';
import { toRunError } from './run-failure';

export type { DurableAgentRunnerDeps } from './durable-run-drive';

/** How many times `cancel` re-reads and retries when a worker saves at the same moment. */
const CANCEL_ATTEMPTS = 5;

/**
 * The durable path of `AgentService`: the same tool loop as `run()`, but every step is saved in
 * the `AgentRunStore` (after each model call, before and after each tool call), approvals suspend
 * the run instead of holding a promise, and any replica continues from the saved state. Internal:
 * `AgentService` exposes its methods.
 */
export class DurableAgentRunner implements DurableAgentRuns, DriveHost {
  protected readonly logger = new Logger('AgentRuns');
  /** The runs this process is driving, to abort them on a local `cancel()`. */
  private readonly driving = new Map<string, (reason: unknown) => void>();

  constructor(protected readonly deps: DurableAgentRunnerDeps) {}

  async createRun(options: AgentStartOptions): Promise<AgentRunState> {
    const created = await this.deps.store.create(initialRunState(options, this.deps.registry));
    await this.statusChanged(created);
    return created;
  }

  async start(options: AgentStartOptions): Promise<AgentRunState> {
    const created = await this.createRun(options);
    return this.continueRun(created.runId, options);
  }

  async getRun(runId: string): Promise<AgentRunState> {
    const state = await this.deps.store.get(runId);
    if (state === undefined) throw new RunNotFoundError(runId);
    return state;
  }

  async resume(runId: string, options: ResumeRunOptions): Promise<AgentRunState> {
    const approvals = checkApprovals(options?.approvals);
    const state = await this.getRun(runId);
    if (state.status !== 'awaiting-approval') {
      throw new RunNotResumableError(runId, state.status, state.pendingApprovals, 'resume');
    }
    const pendingIds = state.pendingApprovals.map((p) => p.toolCallId);
    const unknown = Object.keys(approvals).filter((id) => !pendingIds.includes(id));
    const missing = pendingIds.filter((id) => approvals[id] === undefined);
    if (unknown.length > 0 || missing.length > 0) {
      throw new UnknownApprovalError(runId, unknown, missing, state.pendingApprovals);
    }
    // The claim: of two resumes racing on this version, the store lets exactly one save.
    const claimed = await this.deps.store.save(
      {
        ...state,
        status: 'running',
        pendingApprovals: [],
        toolCalls: state.toolCalls.map((call) =>
          call.status === 'awaiting-approval'
            ? { ...call, status: approvals[call.toolCall.id] === true ? 'approved' : 'rejected' }
            : call,
        ),
      },
      state.version,
    );
    await this.statusChanged(claimed);
    return this.drive(claimed, options);
  }

  async cancel(runId: string): Promise<AgentRunState> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.getRun(runId);
      if (isFinalRunStatus(state.status)) return state;
      try {
        const cancelled = await this.deps.store.save(
          {
            ...state,
            status: 'cancelled',
            pendingApprovals: [],
            error: { name: 'AbortedError', message: 'The run was cancelled with cancel().' },
          },
          state.version,
        );
        this.driving.get(runId)?.(new AbortedError('The run was cancelled with cancel().'));
        await this.statusChanged(cancelled);
        return cancelled;
      } catch (error: unknown) {
        // A worker saved in between: read again and retry (it stops at its next save).
        if (!(error instanceof RunConflictError) || attempt >= CANCEL_ATTEMPTS) throw error;
      }
    }
  }

  async continueRun(runId: string, options: ContinueRunOptions = {}): Promise<AgentRunState> {
    const state = await this.getRun(runId);
    // Final or waiting for a human: nothing to do (a retried job must not fail on it).
    if (isFinalRunStatus(state.status) || state.status === 'awaiting-approval') return state;
    // The claim: a worker still driving this run loses its next save and stops.
    const claimed = await this.deps.store.save({ ...state, status: 'running' }, state.version);
    if (state.status !== 'running') await this.statusChanged(claimed);
    return this.drive(claimed, options);
  }

  /** Runs from `state` (claimed by this process) until it completes, suspends or fails. */
  protected async drive(state: AgentRunState, controls: RunControls): Promise<AgentRunState> {
    const run = createRunSignal(controls.signal);
    this.driving.set(state.runId, (reason) => run.abort(reason));
    const drive = new Drive(this, state, controls, run.signal);
    try {
      return await drive.loop();
    } catch (error: unknown) {
      if (error instanceof RunCancelled) return error.state;
      // This process was asked to stop (shutdown): the run stays `running` for another worker.
      if (controls.signal?.aborted === true) throw error;
      if (error instanceof RunConflictError) {
        const stored = await this.deps.store.get(state.runId);
        if (stored?.status === 'cancelled') return stored;
        throw error;
      }
      if (run.signal.aborted) {
        const stored = await this.deps.store.get(state.runId);
        if (stored !== undefined && isFinalRunStatus(stored.status)) return stored;
      }
      return drive.fail(error);
    } finally {
      this.driving.delete(state.runId);
      run.dispose();
    }
  }

  /** Sends an event to the caller's hook and the sink; neither can fail the run. */
  async emit(runId: string, controls: RunControls, event: AgentEvent): Promise<void> {
    try {
      controls.onEvent?.(event);
    } catch (error: unknown) {
      this.logger.warn(`onEvent threw for run ${runId}: ${toRunError(error).message}`);
    }
    if (this.deps.events === undefined) return;
    try {
      await this.deps.events.append(runId, event);
    } catch (error: unknown) {
      this.logger.warn(`The run event sink failed for run ${runId}: ${toRunError(error).message}`);
    }
  }

  /** Tells the sink about a saved status change. */
  async statusChanged(state: AgentRunState): Promise<void> {
    try {
      await this.deps.events?.statusChanged?.(state);
    } catch (error: unknown) {
      this.logger.warn(
        `The run event sink failed for run ${state.runId}: ${toRunError(error).message}`,
      );
    }
  }

  /** @internal The module's parts, for `Drive`. */
  get parts(): DurableAgentRunnerDeps {
    return this.deps;
  }
}

/** Checks `resume`'s approvals: an object of booleans. */
function checkApprovals(approvals: unknown): Readonly<Record<string, boolean>> {
  if (!isRecord(approvals) || !Object.values(approvals).every((v) => typeof v === 'boolean')) {
    throw new ConduitValidationError(
      [{ path: 'approvals', message: 'must be an object { [toolCallId]: true | false }' }],
      'Invalid resume',
    );
  }
  return approvals as Record<string, boolean>;
}
