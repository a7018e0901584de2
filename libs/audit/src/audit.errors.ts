import { DomainError, NotFoundError } from '@app/core';

export class NoCheckpointError extends NotFoundError {
  constructor() {
    super('A signed checkpoint', 'AUDIT.NO_CHECKPOINT');
  }
}

/** Refusal to sign a checkpoint over a chain that does not verify: signing would bless the damage. */
export class AuditChainBrokenError extends DomainError {
  constructor(
    problem: string,
    firstInvalidSeq: number | undefined,
    problemCode: string | undefined,
  ) {
    super(
      'AUDIT.CHAIN_BROKEN',
      409,
      'Audit chain broken',
      `The audit chain does not verify: ${problem}`,
      {
        firstInvalidSeq,
        problemCode,
      },
    );
  }
}
