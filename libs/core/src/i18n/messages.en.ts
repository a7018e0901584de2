/**
 * The English texts of every problem and field message, by key. A problem's key is its `code`
 * (an error may name another key for a variant); `{name}` is filled from the error's params.
 * This dictionary decides the key set: messages.zh-CN.ts must have every key (typecheck).
 * How to add a code: see README.md beside this file.
 */
export const EN = {
  problems: {
    VALIDATION_FAILED: {
      title: 'Validation failed',
      detail: 'The request has invalid fields.',
    },
    NOT_FOUND: { title: 'Not found', detail: '{what} was not found.' },
    INTERNAL: { title: 'Internal error', detail: 'The server could not complete the request.' },
    'AUTH.UNAUTHENTICATED': { title: 'Unauthorized', detail: 'A valid bearer token is required.' },
    'AUTH.INVALID_TOKEN': {
      title: 'Unauthorized',
      detail: 'The bearer token is invalid or expired.',
    },
    'AUTH.INVALID_CREDENTIALS': {
      title: 'Unauthorized',
      detail: 'The username or password is wrong.',
    },
    'AUTH.FORBIDDEN': { title: 'Forbidden', detail: 'This action is not allowed for the caller.' },
    'AUTH.USERNAME_TAKEN': {
      title: 'Conflict',
      detail:
        'The username "{username}" is already taken (usernames that differ only in letter case are the same login); choose another.',
    },
    'AUTH.LEARNER_HAS_LOGIN': { title: 'Conflict', detail: 'The learner already has a login.' },
    'AUTH.TOKEN_REVOKED': {
      title: 'Unauthorized',
      detail:
        'This token no longer works: its login was changed, had its password reset or changed, or signed out. Sign in again.',
    },
    'AUTH.ACCOUNT_DISABLED': {
      title: 'Unauthorized',
      detail: 'This login is disabled. Ask an administrator to enable it.',
    },
    'AUTH.PASSWORD_CHANGE_REQUIRED': {
      title: 'Forbidden',
      detail:
        'An administrator reset this password: change it (POST /v1/auth/password) before anything else.',
    },
    'AUTH.PASSWORD_TOO_COMMON': {
      title: 'Validation failed',
      detail:
        'The password is too easy to guess: it is one of the most common passwords (or one with only digits or symbols added).',
    },
    'AUTH.PASSWORD_CONTAINS_USERNAME': {
      title: 'Validation failed',
      detail:
        'The password is too easy to guess: it contains the username (or the username backwards).',
    },
    'AUTH.PASSWORD_TOO_PREDICTABLE': {
      title: 'Validation failed',
      detail:
        'The password is too easy to guess: it is one character repeated or a run of the alphabet, the digits or a keyboard row.',
    },
    'AUTH.CURRENT_PASSWORD_WRONG': {
      title: 'Validation failed',
      detail: 'The current password is wrong.',
    },
    'AUTH.PASSWORD_UNCHANGED': {
      title: 'Validation failed',
      detail: 'The new password is the current one.',
    },
    'USERS.NOT_FOUND': { title: 'Not found', detail: 'The user was not found.' },
    'USERS.LAST_ADMIN': {
      title: 'Conflict',
      detail:
        'This is the last enabled ADMIN: enable or create another admin before disabling this one or changing its role.',
    },
    'REQUEST.BAD': { title: 'Bad request', detail: 'The request could not be accepted.' },
    'REQUEST.MALFORMED_JSON': {
      title: 'Malformed JSON',
      detail: 'The request body is not valid JSON.',
    },
    'REQUEST.JSON_TOO_DEEP': {
      title: 'JSON too deep',
      detail: 'The request body is nested deeper than 64 levels.',
    },
    'REQUEST.BAD_URL': {
      title: 'Bad request',
      detail: 'The request URL is not valid (bad percent-encoding).',
    },
    'REQUEST.URI_TOO_LONG': { title: 'URI too long', detail: 'The request URI is too long.' },
    'REQUEST.BODY_TOO_LARGE': {
      title: 'Payload too large',
      detail: 'The request body is larger than the server accepts.',
    },
    'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
      title: 'Unsupported media type',
      detail: 'Send request bodies as application/json.',
    },
    'REQUEST.RATE_LIMITED': { title: 'Too many requests', detail: 'Try again later.' },
    'REQUEST.TIMEOUT': { title: 'Request Timeout', detail: 'The request did not arrive in time.' },
    'REQUEST.HEADERS_TOO_LARGE': {
      title: 'Request Header Fields Too Large',
      detail: 'The request line or headers are larger than the server accepts.',
    },
    'ROUTE.NOT_FOUND': { title: 'Not found', detail: 'No route {method} {path}.' },
    'ROUTE.METHOD_NOT_ALLOWED': {
      title: 'Method not allowed',
      detail: 'This method is not allowed here.',
    },
    'SERVICE.DATABASE_UNAVAILABLE': {
      title: 'Service unavailable',
      detail:
        'The database cannot be reached right now; retry later (with the same Idempotency-Key).',
    },
    'IDEMPOTENCY.KEY_REUSED': {
      title: 'Idempotency key reused',
      detail: 'This Idempotency-Key was already used with a different request.',
    },
    'ACCOUNTS.LEARNER_EXISTS': {
      title: 'Conflict',
      detail: 'A learning account for this identity document already exists.',
    },
    'ACCOUNTS.LEARNER_NOT_FOUND': { title: 'Not found', detail: 'The learner was not found.' },
    'AUDIT.NO_TREE_HEAD': { title: 'Not found', detail: 'A signed tree head was not found.' },
    'AUDIT.CHAIN_BROKEN': {
      title: 'Audit chain broken',
      detail: 'The audit log does not verify: {problem}',
    },
    'AUDIT.TREE_SIZE_BEYOND_LOG': {
      title: 'Tree size beyond the log',
      detail:
        "The log holds {logSize} records; a tree of {requested} does not exist yet. Ask for a size up to {logSize} (the latest signed tree head's treeSize is always one).",
    },
    'CATALOG.INSTITUTION_NOT_FOUND': {
      title: 'Not found',
      detail: 'The institution was not found.',
    },
    'CATALOG.CERTIFICATION_BODY_NOT_FOUND': {
      title: 'Not found',
      detail: 'The certification body was not found.',
    },
    'CATALOG.SCHEME_NOT_FOUND': {
      title: 'Not found',
      detail: 'The certificate scheme was not found.',
    },
    'CATALOG.COURSE_NOT_FOUND': { title: 'Not found', detail: 'The course was not found.' },
    'CATALOG.PROGRAM_NOT_FOUND': { title: 'Not found', detail: 'The program was not found.' },
    'CATALOG.INSTITUTION_CODE_TAKEN': {
      title: 'Conflict',
      detail: 'An institution with code "{code}" already exists.',
    },
    'CATALOG.PROGRAM_CODE_TAKEN': {
      title: 'Conflict',
      detail: 'The institution already has a program with code "{code}".',
    },
    'CATALOG.COURSE_CODE_TAKEN': {
      title: 'Conflict',
      detail: 'The institution already has a course with code "{code}".',
    },
    'CATALOG.CERTIFICATION_BODY_CODE_TAKEN': {
      title: 'Conflict',
      detail: 'A certification body with code "{code}" already exists.',
    },
    'CATALOG.SCHEME_CODE_TAKEN': {
      title: 'Conflict',
      detail: 'A certificate scheme with code "{code}" already exists.',
    },
    'CATALOG.COURSE_CREDITS_RECORDED': {
      title: 'Conflict',
      detail:
        '{entries} ledger entries name this course, so its credits and program can no longer change. Its name, hours and category still can; for different credits, add a new course with its own code.',
    },
    'CATALOG.PROGRAM_CAP_BELOW_EXEMPTED': {
      title: 'Conflict',
      detail:
        'A learner already has {exempted} credits exempted in this program, more than the new maxExemptCredits. Set it to {exempted} or more.',
    },
    'CONVERSION.RULE_NOT_FOUND': {
      title: 'Not found',
      detail: 'The conversion rule was not found.',
    },
    'CONVERSION.RULE_VERSION_NOT_FOUND': {
      title: 'Not found',
      detail: 'Version {version} of the conversion rule was not found.',
    },
    'CONVERSION.NOTHING_TO_ACTIVATE': {
      title: 'Conflict',
      detail: 'The rule has no DRAFT version to activate.',
    },
    'CONVERSION.RULE_NOT_ACTIVE': { title: 'Conflict', detail: 'The rule has no ACTIVE version.' },
    'CONVERSION.APPLICATION_NOT_FOUND': {
      title: 'Not found',
      detail: 'The exemption application was not found.',
    },
    'CONVERSION.APPLICATION_ALREADY_DECIDED': {
      title: 'Conflict',
      detail: 'The application is already {applicationStatus}.',
    },
    'CONVERSION.APPLICATION_ALREADY_OPEN': {
      title: 'Conflict',
      detail: 'An application for this target is already waiting for a decision.',
    },
    'CONVERSION.NOT_ELIGIBLE': {
      title: 'Not eligible',
      detail: 'The rule does not exempt the learner from this target.',
    },
    'CONVERSION.SCAN_ALREADY_QUEUED': {
      title: 'Conflict',
      detail:
        'A scan of this rule is already waiting or running (job {jobId}); its requester reads it at GET /v1/jobs/{jobId}. Ask again once it has finished.',
    },
    'JOBS.NOT_FOUND': { title: 'Not found', detail: 'The job was not found.' },
    'JOBS.QUEUE_UNAVAILABLE': {
      title: 'Queue unavailable',
      detail: 'The job queue cannot be reached; try again later.',
    },
    'LEDGER.ENTRY_NOT_FOUND': { title: 'Not found', detail: 'The ledger entry was not found.' },
    'LEDGER.CREDIT_ALREADY_RECORDED': {
      title: 'Conflict',
      detail: 'A passing credit for this course already stands on the account.',
    },
    'LEDGER.COURSE_ALREADY_EXEMPTED': {
      title: 'Conflict',
      detail:
        'An exemption from this course stands on the account, and a course is either exempted or credited: a passing credit would count it twice. Reverse the exemption first if the credit is to count instead. (A failed attempt is still recorded.)',
    },
    'LEDGER.COURSE_ALREADY_CREDITED': {
      title: 'Conflict',
      detail:
        'A passing credit for this course stands on the account, so the course cannot also be exempted.',
    },
    'LEDGER.CERTIFICATE_NUMBER_TAKEN': {
      title: 'Conflict',
      detail:
        'This certificate number is already recorded for the scheme (numbers are compared ignoring case, full-width forms and surrounding spaces).',
    },
    'LEDGER.CERTIFICATE_LEVEL_ALREADY_HELD': {
      title: 'Conflict',
      detail:
        "A certificate of this scheme and level, still valid on the new one's issue date, stands on the account; a learner holds one valid certificate per level. Record a renewal from the day the standing one expires, or revoke the standing one first if it was issued in error.",
    },
    'LEDGER.DIPLOMA_NUMBER_TAKEN': {
      title: 'Conflict',
      detail:
        'This diploma number is already recorded by the school (numbers are compared ignoring case, full-width forms and surrounding spaces). If that diploma was recorded for the wrong learner, reverse it first.',
    },
    'LEDGER.DIPLOMA_ALREADY_RECORDED': {
      title: 'Conflict',
      detail:
        'A diploma of this program already stands on the account. If it was recorded in error, reverse it first.',
    },
    'LEDGER.ALREADY_CANCELLED': {
      title: 'Conflict',
      detail: 'The entry has already been reversed or revoked.',
    },
    'LEDGER.EXEMPTION_ALREADY_STANDS': {
      title: 'Conflict',
      detail: 'An exemption for this target already stands on the account.',
    },
    'LEDGER.NOT_CANCELLABLE': {
      title: 'Not cancellable',
      detail: 'A correction cannot itself be reversed.',
    },
    'RELATIONSHIPS.ENROLMENT_NOT_FOUND': {
      title: 'Not found',
      detail: 'The enrolment was not found.',
    },
    'RELATIONSHIPS.SHARE_NOT_FOUND': { title: 'Not found', detail: 'The share was not found.' },
    'RELATIONSHIPS.STUDENT_NO_TAKEN': {
      title: 'Conflict',
      detail:
        'Student number "{studentNo}" is already given to another enrolment at this school; choose another number.',
    },
    'RELATIONSHIPS.ALREADY_ENROLLED': {
      title: 'Conflict',
      detail:
        'The learner already has an active enrolment in this program; end it before enrolling again.',
    },
    'RELATIONSHIPS.ENROLMENT_ENDED': {
      title: 'Conflict',
      detail: 'The enrolment has already ended ({status}); an ended enrolment cannot end again.',
    },
    'RELATIONSHIPS.ALREADY_REGISTERED': {
      title: 'Conflict',
      detail: 'The learner is already registered for this level of the scheme in this session.',
    },
    'RELATIONSHIPS.SHARE_WITHDRAWN': {
      title: 'Conflict',
      detail: 'The share has already been withdrawn.',
    },
    'RELATIONSHIPS.NOT_ENROLLED': {
      title: 'Not enrolled',
      detail:
        'The learner has no enrolment at your school in force on {date}. Enrol them first (POST /v1/learners/{learnerId}/enrolments), or check the date.',
    },
    'RELATIONSHIPS.NOT_REGISTERED': {
      title: 'Not registered',
      detail:
        'The learner is not registered for the {level} exam of this scheme. Register them first (POST /v1/learners/{learnerId}/exam-registrations).',
    },
    'IMPORTS.NOT_FOUND': { title: 'Not found', detail: '{what} was not found.' },
    'IMPORTS.NOT_MULTIPART': {
      title: 'Unsupported media type',
      detail: 'Send the file as multipart/form-data: first the field kind, then the field file.',
    },
    'IMPORTS.FILE_TOO_LARGE': {
      title: 'File too large',
      detail:
        'The file is larger than the {limit} bytes an import accepts. Split it into smaller files (by class or by term) and upload each.',
    },
    'IMPORTS.ALREADY_UPLOADED': {
      title: 'Already uploaded',
      detail:
        'This file (the same bytes) was already uploaded as import {fileName} on {uploadedAt}. Open that import; nothing in it is recorded twice.',
    },
    'IMPORTS.NOT_VALIDATED': {
      title: 'Not validated yet',
      detail:
        'The import is {status}: it can be committed once its dry run has finished (status VALIDATED).',
    },
    'IMPORTS.ALREADY_COMMITTED': {
      title: 'Already committed',
      detail: 'The import has already been committed ({status}); its rows are recorded once.',
    },
    'IMPORTS.NOTHING_TO_COMMIT': {
      title: 'Nothing to commit',
      detail:
        'No row of this import is valid. Correct the rows listed in the error file and upload the corrected file.',
    },
    'IMPORTS.UNREADABLE': {
      title: 'File unreadable',
      detail:
        'The file could not be read as {format}: {reason}. Save it again from the spreadsheet program as CSV or XLSX and upload it again.',
    },
    'IMPORTS.UNDECODABLE': {
      title: 'Unknown text encoding',
      detail:
        'The file is neither UTF-8 nor GB18030 text. Save it again as "CSV UTF-8" (or CSV in GB18030) and upload it again.',
    },
    'IMPORTS.EMPTY': {
      title: 'Empty file',
      detail:
        'The file has no header row. Start from the template: its first row names the columns.',
    },
    'IMPORTS.MISSING_COLUMNS': {
      title: 'Columns missing',
      detail:
        'The file lacks the columns {columns}. Add them to the header row (the template has every column).',
    },
    'IMPORTS.NO_IDENTITY_COLUMNS': {
      title: 'Learner columns missing',
      detail: 'The file has no column naming the learner: add {ways}.',
    },
    'IMPORTS.UNSUPPORTED_FORMAT': {
      title: 'Not CSV or XLSX',
      detail:
        'The file is neither CSV nor XLSX (an old .xls, a UTF-16 text export or another kind of file). Save it as CSV UTF-8 or as an Excel workbook (.xlsx) and upload it again.',
    },
    'IMPORTS.ACTOR_GONE': {
      title: 'Login no longer allowed',
      detail:
        'The login that asked for this step is disabled or no longer belongs to the school or body of the import. Upload the file again from an active login.',
    },
    'IMPORTS.JOB_FAILED': {
      title: 'Import stopped',
      detail:
        'The import stopped on a server fault and was not finished. Rows recorded before it stopped stay recorded, once. Upload the file again, or ask an administrator to look at the worker log.',
    },
    'IMPORTS.UPLOAD_BROKEN': {
      title: 'Upload incomplete',
      detail:
        'The upload ended before the file did (the connection dropped, or the form was cut off). Upload the file again.',
    },
    'IMPORTS.TOO_MANY_ROWS': {
      title: 'Too many rows',
      detail: 'The file has more than {limit} rows. Split it into smaller files and upload each.',
    },
  },
  /** Per-field messages, by key; each key answers with one stable field `code` (FIELD_CODES). */
  fields: {
    REQUIRED: '{field} is required; send a value for it',
    'REQUIRED.idOrCode':
      '{field} or {codeField} is missing: send the id or the code, one of the two',
    UNKNOWN_FIELD: '{field} is not accepted here; remove it (check its spelling)',
    UNKNOWN_VALUE: 'the request body must be a JSON object with the documented fields',
    'WRONG_TYPE.string': '{field} must be text (a JSON string)',
    'WRONG_TYPE.number': '{field} must be a number',
    'WRONG_TYPE.integer': '{field} must be a whole number',
    'WRONG_TYPE.boolean': '{field} must be true or false',
    'WRONG_TYPE.array': '{field} must be a list (a JSON array)',
    'WRONG_TYPE.object': '{field} must be an object (a JSON object)',
    TOO_MANY_DECIMALS: '{field} may have at most {max} decimal places',
    'TOO_MANY_DECIMALS.one': '{field} may have at most one decimal place',
    'TOO_MANY_DECIMALS.none': '{field} must be a whole number (no decimal places)',
    NOT_DECIMAL: '{field} must be a decimal number such as "4.5"',
    TOO_SMALL: '{field} must be at least {min}',
    TOO_LARGE: '{field} must be at most {max}',
    OUT_OF_RANGE: '{field} must be at least {min} and at most {max}',
    'OUT_OF_RANGE.above': '{field} must be above {min} and at most {max}',
    LENGTH: '{field} must be {min} to {max} characters long',
    TOO_SHORT: '{field} must be at least {min} characters long',
    TOO_LONG: '{field} must be at most {max} characters long',
    TOO_FEW_ITEMS: '{field} must have at least {min} items',
    TOO_MANY_ITEMS: '{field} may have at most {max} items',
    NOT_ALLOWED_VALUE: '{field} must be one of: {allowed}',
    NOT_UUID: '{field} must be a UUID',
    NOT_A_DATE: '{field} must be a real date written YYYY-MM-DD',
    DATE_IN_FUTURE: '{field} must be a real date (YYYY-MM-DD), not in the future',
    NOT_AFTER: '{field} must be after {other}',
    NOT_BLANK: '{field} must not be blank',
    CONTROL_CHARACTER: '{field} must not contain control characters',
    INVISIBLE_CHARACTER:
      '{field} must not contain invisible or text-direction characters (found {found}); send the text without them',
    DIRECTION_CHARACTER:
      '{field} must not contain characters that change the direction of the text around them (found {found}); send the text without them',
    INVALID_FORMAT: '{field} is not in the expected format',
    UNVALIDATABLE: '{field} has a value that cannot be validated',
    INVALID: '{field} is not valid',
    'INVALID.idAndCode': 'send {field} or {codeField}, not both: they name the same entry twice',
    'INVALID.notEnrolled': 'the learner was not enrolled at your school on {date}',
    'INVALID.notRegistered': 'the learner is not registered for the {level} exam',
    'INVALID.levelNotOffered': 'the scheme has no level {level}',
    'INVALID.excelNumber':
      '{field} was stored by Excel as a number ({value}), which loses digits; format the column as text and type the numbers again',
    'INVALID.duplicateInFile': '{field} repeats row {row} of this file; keep one of the two rows',
    'INVALID.learnerNotFound':
      'no learner account your school or body reaches has this {field}; open the account first (an enrolment import opens it) or check the number',
    'INVALID.nameMismatch':
      "{field} does not match the name on the learner's account; check the row",
    'REQUIRED.identity': 'the row names no learner: fill in {columns}',
  },
} as const;

export type ProblemKey = keyof typeof EN.problems;
export type FieldMessageKey = keyof typeof EN.fields;
