import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@app/core';
import type { ImportKind } from '@app/imports';

export class SheetFormatQueryDto {
  /** csv (UTF-8 with BOM, opens in Excel) or xlsx; default csv. */
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class ImportErrorsQueryDto extends PageQueryDto {
  /** Absent: JSON pages. csv or xlsx: the whole error file, the original rows plus 错误原因. */
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class ImportAcceptedDto {
  /** The import, to read back (GET /v1/imports/{id}). */
  id: string;
  /** The queued job (dry run or commit). */
  jobId: string;
}

export class ImportPersonDto {
  id: string;
  displayName: string;
}

export class ImportFailureDto {
  code: string;
  message: string;
}

export class ImportDto {
  id: string;
  /** COURSE_CREDITS, DIPLOMAS, ENROLMENTS (REGISTRAR) or CERTIFICATES (EXAMINER). */
  kind: ImportKind;
  fileName: string;
  /** SHA-256 of the uploaded bytes, hex. */
  fileHash: string;
  format: 'csv' | 'xlsx';
  /** What a CSV was decoded as (UTF-8 or GB18030), once read; null for XLSX. */
  encoding: string | null;
  size: number;
  /** VALIDATING → VALIDATED → COMMITTING → COMMITTED, or FAILED (see failure). */
  status: 'VALIDATING' | 'VALIDATED' | 'COMMITTING' | 'COMMITTED' | 'FAILED';
  /** 0–100, of the step running now. */
  progress: number;
  /** Rows read (blank rows skipped), of which valid and invalid at the dry run. */
  rows: number;
  valid: number;
  invalid: number;
  /** Rows recorded by the commit. */
  committed: number;
  /** Valid at the dry run, refused at commit (something changed meanwhile); see the errors. */
  rejectedAtCommit: number;
  failure: ImportFailureDto | null;
  uploadedBy: ImportPersonDto;
  uploadedAt: string;
  validatedAt: string | null;
  committedBy: ImportPersonDto | null;
  committedAt: string | null;
}

export class ImportListDto {
  items: ImportDto[];
  nextCursor: string | null;
}

export class ImportRowErrorDto {
  /** The row number the spreadsheet shows; the header is row 1. */
  row: number;
  /** The column's key (courseCode, score…), or null for the row as a whole. */
  column: string | null;
  /** The column's header as the file writes it. */
  columnName: string | null;
  /** What is wrong and how to fix it, in the caller's language. */
  reason: string;
  /** The row's cells by header. */
  cells: Record<string, string>;
}

export class ImportErrorListDto {
  items: ImportRowErrorDto[];
  nextCursor: string | null;
}
