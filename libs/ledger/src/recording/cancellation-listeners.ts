import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '@app/core';
import type { EntryView } from '../dto/entry.dto';

/** An entry a reversal or revocation cancelled, directly or by the exemption cascade. */
export interface CancelledEntry {
  id: string;
  learnerId: string;
  /**
   * Set for an exemption the cascade reversed because its evidence was cancelled: the exemption
   * as it stood, the REVERSAL that cancelled it, and the correction of the evidence that caused it.
   */
  cascade?: { exemption: EntryView; reversal: EntryView; cause: EntryView };
}

/**
 * An exemption recorded again, as a new entry citing evidence that still stands, in place of one
 * the cascade reversed: the same grant (target, rule version, application, credits) kept its footing.
 */
export interface RepointedExemption {
  /** The reversed exemption it replaces. */
  replacesEntryId: string;
  /** The cascaded REVERSAL that cancelled the replaced exemption. */
  reversalEntryId: string;
  /** The new exemption entry. */
  exemption: EntryView;
}

/** What another area must do when ledger entries are cancelled, as part of the same correction. */
export interface EntryCancellationListener {
  /**
   * Called inside the correction's transaction, under the learner lock it took, after the
   * exemption cascade, with every entry cancelled. Throwing rolls the correction back. Returns
   * the exemptions it recorded again in place of cascaded ones (empty when none), for the
   * correction's answer.
   */
  entriesCancelled(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<readonly RepointedExemption[]>;
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

  /** Every listener in registration order; the exemptions they recorded again, in that order. */
  async notify(
    manager: EntityManager,
    cancelled: readonly CancelledEntry[],
    principal: Principal,
  ): Promise<RepointedExemption[]> {
    const repointed: RepointedExemption[] = [];
    for (const listener of this.listeners) {
      repointed.push(...(await listener.entriesCancelled(manager, cancelled, principal)));
    }
    return repointed;
  }
}
