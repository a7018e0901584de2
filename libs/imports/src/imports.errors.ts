import { ConflictError, DomainError, NotFoundError } from '@app/core';

export class ImportNotFoundError extends NotFoundError {
  constructor() {
    super('The import', 'IMPORTS.NOT_FOUND');
  }
}

export class NotMultipartError extends DomainError {
  constructor() {
    super(
      'IMPORTS.NOT_MULTIPART',
      415,
      'Unsupported media type',
      'Send the file as multipart/form-data: first the field kind, then the field file.',
    );
  }
}

/** The form ended before the file did (a dropped connection, a client's bug). */
export class UploadBrokenError extends DomainError {
  constructor() {
    super(
      'IMPORTS.UPLOAD_BROKEN',
      400,
      'Upload incomplete',
      'The upload ended before the file did (the connection dropped, or the form was cut off). Upload the file again.',
    );
  }
}

export class FileTooLargeError extends DomainError {
  constructor(limit: number) {
    super(
      'IMPORTS.FILE_TOO_LARGE',
      413,
      'File too large',
      `The file is larger than the ${limit} bytes an import accepts. Split it into smaller files (by class or by term) and upload each.`,
      { limit },
    );
  }
}

export class AlreadyUploadedError extends ConflictError {
  constructor(existing: { id: string; fileName: string; uploadedAt: Date }) {
    const uploadedAt = existing.uploadedAt.toISOString();
    super(
      'IMPORTS.ALREADY_UPLOADED',
      `This file (the same bytes) was already uploaded as import ${existing.fileName} on ${uploadedAt}. Open that import; nothing in it is recorded twice.`,
      { importId: existing.id },
      { fileName: existing.fileName, uploadedAt },
    );
  }
}

export class NotValidatedError extends ConflictError {
  constructor(status: string) {
    super(
      'IMPORTS.NOT_VALIDATED',
      `The import is ${status}: it can be committed once its dry run has finished (status VALIDATED).`,
      { status },
      { status },
    );
  }
}

export class AlreadyCommittedError extends ConflictError {
  constructor(status: string) {
    super(
      'IMPORTS.ALREADY_COMMITTED',
      `The import has already been committed (${status}); its rows are recorded once.`,
      { status },
      { status },
    );
  }
}

export class NothingToCommitError extends ConflictError {
  constructor() {
    super(
      'IMPORTS.NOTHING_TO_COMMIT',
      'No row of this import is valid. Correct the rows listed in the error file and upload the corrected file.',
    );
  }
}

/** The file as a whole cannot be imported; kept on the import (status FAILED) and said at read. */
export class FileRefusedError extends DomainError {
  constructor(code: string, detail: string, params: Record<string, unknown> = {}) {
    super(code, 422, 'File refused', detail, {}, { params });
  }
}
