import { messageOf } from '../common/errors';
import { log } from '../common/log';
import { timed } from '../common/op-timings';
import { isNotFound } from '../engine/errors';

/** How to undo what an action made, run when the scenario ends. */
export interface Undo {
  describe: string;
  run: () => Promise<void>;
  /** Containers attach to it (a network, a volume): undone after every container of the scenario. */
  attachedTo?: boolean;
}

/** An undo's kind, for the bench's timings: "remove container", "delete", "close port". */
function undoKind(describe: string): string {
  const [verb = '', what = ''] = describe.split(' ');
  return /^[a-z]+$/.test(what) ? `${verb} ${what}` : verb;
}

/**
 * What a scenario made, undone last-in-first-out in its After hook, whether it passed or failed.
 * What containers attach to (networks, volumes) is undone after everything else, whenever it
 * was made: the engine refuses to remove a network a container is still connected to, and a
 * scenario may connect a container to a network made after it. Every undo runs even when an
 * earlier one fails; the failures are reported together.
 */
export class CleanupStack {
  private readonly actions: Undo[] = [];

  push(undo: Undo): void {
    this.actions.push(undo);
  }

  async runAll(): Promise<void> {
    const failures: string[] = [];
    const lastFirst = this.actions.splice(0).reverse();
    const order = [...lastFirst.filter((a) => !a.attachedTo), ...lastFirst.filter((a) => a.attachedTo)];
    for (const action of order) {
      try {
        log.cleanup('undo: %s', action.describe);
        await timed(`undo ${undoKind(action.describe)}`, '', action.run);
      } catch (error) {
        const message = messageOf(error);
        if (isNotFound(error) || /is already in progress/i.test(message)) {
          log.cleanup('undo: %s: already gone (%s)', action.describe, message);
        } else {
          failures.push(`${action.describe}: ${message}`);
        }
      }
    }
    if (failures.length > 0) {
      throw new Error(`cleanup failed for ${failures.length} object(s): ${failures.join('; ')}`);
    }
  }
}
