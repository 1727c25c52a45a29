import { CheckpointStore, type GraphCheckpoint } from './checkpoint.store';

/**
 * Checkpoints in this process, every one kept (`history`) and cloned on save so that later
 * changes to the state do not alter them.
 */
export class InMemoryCheckpointStore extends CheckpointStore {
  protected readonly threads = new Map<string, GraphCheckpoint[]>();

  save(checkpoint: GraphCheckpoint): Promise<void> {
    const list = this.threads.get(checkpoint.threadId) ?? [];
    list.push(structuredClone(checkpoint));
    this.threads.set(checkpoint.threadId, list);
    return Promise.resolve();
  }

  load(threadId: string): Promise<GraphCheckpoint | undefined> {
    const list = this.threads.get(threadId);
    const latest = list?.[list.length - 1];
    return Promise.resolve(latest === undefined ? undefined : structuredClone(latest));
  }

  /** Every checkpoint of a thread, oldest first. */
  history(threadId: string): GraphCheckpoint[] {
    return structuredClone(this.threads.get(threadId) ?? []);
  }
}
