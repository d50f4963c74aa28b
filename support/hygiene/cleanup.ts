import { messageOf } from '../common/errors';
import { log } from '../common/log';
import { isNotFound } from '../engine/errors';

interface CleanupAction {
  describe: string;
  run: () => Promise<void>;
}

/**
 * What a scenario made, undone last-in-first-out in its After hook, whether it passed or failed.
 * Every undo runs even when an earlier one fails; the failures are reported together.
 */
export class CleanupStack {
  private readonly actions: CleanupAction[] = [];

  push(describe: string, run: () => Promise<void>): void {
    this.actions.push({ describe, run });
  }

  async runAll(): Promise<void> {
    const failures: string[] = [];
    for (let action = this.actions.pop(); action; action = this.actions.pop()) {
      try {
        log.cleanup('undo: %s', action.describe);
        await action.run();
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
