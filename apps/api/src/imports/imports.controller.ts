import { PassThrough } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  AppConfig,
  CurrentPrincipal,
  fieldError,
  type Locale,
  ParseIdPipe,
  PageQueryDto,
  Principal,
  Role,
  Roles,
  STAFF_ROLES,
  ValidationFailedError,
} from '@app/core';
import {
  contentTypeOf,
  fileExtension,
  IMPORT_KINDS,
  ImportsService,
  isImportKind,
  NotMultipartError,
  type SheetFormat,
  templateFile,
  UploadBrokenError,
  writeSheet,
} from '@app/imports';
import { RequestLocale } from '../naming/request-locale.decorator';
import {
  ImportAcceptedDto,
  ImportDto,
  ImportErrorListDto,
  ImportErrorsQueryDto,
  ImportListDto,
  SheetFormatQueryDto,
} from './imports.dto';

const UPLOADERS = [Role.REGISTRAR, Role.EXAMINER] as const;

/** The names templates download as, by kind and language. */
const KIND_FILE_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  COURSE_CREDITS: { 'zh-CN': '课程成绩导入模板', en: 'course-credits-template' },
  CERTIFICATES: { 'zh-CN': '证书导入模板', en: 'certificates-template' },
  DIPLOMAS: { 'zh-CN': '毕业证书导入模板', en: 'diplomas-template' },
  ENROLMENTS: { 'zh-CN': '入学登记导入模板', en: 'enrolments-template' },
};

/**
 * Bulk import (DESIGN §13): a term's grades, an exam session's results, a new cohort. Upload a
 * file (multipart: `kind` first, then `file`), watch its dry run, read or download the refused
 * rows, commit the valid ones. Each row is recorded with the rules, guards and audit of the
 * single-record endpoint, once per file and row number.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly config: AppConfig,
  ) {}

  /** A template with the kind's headers in Chinese (or English with Accept-Language: en) and one example row. */
  @Roles(...STAFF_ROLES)
  @Get('templates/:kind')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  template(
    @Param('kind') kind: string,
    @Query() query: SheetFormatQueryDto,
    @RequestLocale() locale: Locale,
  ): StreamableFile {
    if (!isImportKind(kind)) {
      throw new ValidationFailedError([
        fieldError('kind', 'NOT_ALLOWED_VALUE', { allowed: [...IMPORT_KINDS] }),
      ]);
    }
    const format = query.format ?? 'csv';
    return sheetFile(format, KIND_FILE_NAMES[kind][locale], (out) =>
      templateFile(kind, format, locale, out),
    );
  }

  /** Uploads a file and queues its dry run: 202 `{id, jobId}`. The same bytes again: 409 naming the import. */
  @Roles(...UPLOADERS)
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
        file: { type: 'string', format: 'binary', description: 'CSV (UTF-8 or GB18030) or XLSX' },
      },
    },
  })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<ImportAcceptedDto> {
    if (!request.isMultipart()) throw new NotMultipartError();
    const limit = this.config.importMaxBytes;
    const part = await request.file({ limits: { fileSize: limit }, throwFileSizeLimit: false });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw new ValidationFailedError([fieldError('file', 'REQUIRED')]);
    }
    try {
      return await this.imports.upload(principal, {
        kind: fieldValue(part, 'kind'),
        fileName: safeFileName(part.filename),
        bytes: received(part.file),
        truncated: () => part.file.truncated,
        limit,
      });
    } finally {
      // Whatever was refused before the bytes were read, the request is read to its end.
      if (!part.file.readableEnded) part.file.resume();
    }
  }

  /** The imports of the caller's school or body, newest first. */
  @Roles(...UPLOADERS)
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<ImportListDto> {
    return this.imports.list(principal, query, locale);
  }

  @Roles(...UPLOADERS)
  @Get(':importId')
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('importId', ParseIdPipe) importId: string,
    @RequestLocale() locale: Locale,
  ): Promise<ImportDto> {
    return this.imports.read(principal, importId, locale);
  }

  /**
   * The refused rows: JSON pages (one item per problem), or with `format` the error file — the
   * original header and rows plus 错误原因 (Error), e.g. `第 4 行「成绩」：成绩 不能大于 100`.
   */
  @Roles(...UPLOADERS)
  @Get(':importId/errors')
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async errors(
    @CurrentPrincipal() principal: Principal,
    @Param('importId', ParseIdPipe) importId: string,
    @Query() query: ImportErrorsQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<ImportErrorListDto | StreamableFile> {
    if (query.format === undefined) return this.imports.errors(principal, importId, query, locale);
    const format = query.format;
    const file = await this.imports.errorFile(principal, importId, locale);
    return sheetFile(format, file.fileName, (out) =>
      writeSheet(format, file.header, file.rows, out),
    );
  }

  /** Queues the commit of the valid rows: 202 `{id, jobId}`. */
  @Roles(...UPLOADERS)
  @Post(':importId/commit')
  @HttpCode(202)
  commit(
    @CurrentPrincipal() principal: Principal,
    @Param('importId', ParseIdPipe) importId: string,
  ): Promise<ImportAcceptedDto> {
    return this.imports.commit(principal, importId);
  }
}

/** The file's bytes as they arrive; a form that breaks off mid-file is the client's 400. */
async function* received(file: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk;
  } catch {
    throw new UploadBrokenError();
  }
}

function fieldValue(part: MultipartFile, name: string): unknown {
  const field = part.fields[name];
  const first = Array.isArray(field) ? field[0] : field;
  return first && first.type === 'field' ? first.value : undefined;
}

/** The name as the browser sent it, without a path, control characters or excess length. */
function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim();
  return (base || 'upload').slice(0, 255);
}

/** A sheet written as it streams out, downloaded under `name` (UTF-8 names as RFC 6266 says). */
function sheetFile(
  format: SheetFormat,
  name: string,
  write: (out: NodeJS.WritableStream) => Promise<void>,
): StreamableFile {
  const out = new PassThrough();
  write(out).catch((error: unknown) => out.destroy(error as Error));
  const fileName = `${name}${fileExtension(format)}`;
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new StreamableFile(out, {
    type: contentTypeOf(format),
    disposition: `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}
