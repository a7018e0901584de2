import { DomainError, NotFoundError } from '@app/core';

export class NoTreeHeadError extends NotFoundError {
  constructor() {
    super('A signed tree head', 'AUDIT.NO_TREE_HEAD');
  }
}

/** Refusal to sign a tree head over records that do not verify: signing would bless the damage. */
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
      `The audit log does not verify: ${problem}`,
      {
        firstInvalidSeq,
        problemCode,
      },
      { params: { problem } },
    );
  }
}

/** A proof about records the log does not hold (yet): 404, with what the log does hold. */
export class TreeSizeBeyondLogError extends DomainError {
  constructor(requested: number, logSize: number) {
    super(
      'AUDIT.TREE_SIZE_BEYOND_LOG',
      404,
      'Tree size beyond the log',
      `The log holds ${logSize} records; a tree of ${requested} does not exist yet. Ask for a size up to ${logSize} (the latest signed tree head's treeSize is always one).`,
      { logSize },
      { params: { requested } },
    );
  }
}
