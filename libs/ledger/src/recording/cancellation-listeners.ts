import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '@app/core';

/** An entry a reversal or revocation cancelled, directly or by the exemption cascade. */
export interface CancelledEntry {
  id: string;
  learnerId: string;
}

/** What another area must do when ledger entries are cancelled, as part of the same correction. */
export interface EntryCancellationListener {
  /**
   * Called inside the correction's transaction, under the learner lock it took, after the
   * exemption cascade, with every entry cancelled. Throwing rolls the correction back.
   */
  entriesCancelled(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<void>;
}

/**
 * The listeners every correction notifies. Areas that depend on the ledger register themselves
 * at start-up, so the ledger calls them without knowing them, and no caller can leave one out.
 */
@Injectable()
export class CancellationListeners {
  private readonly listeners: EntryCancellationListener[] = [];

  register(listener: EntryCancellationListener): void {
    this.listeners.push(listener);
  }

  async notify(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<void> {
    for (const listener of this.listeners) {
      await listener.entriesCancelled(manager, cancelled, principal);
    }
  }
}
