import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsDecimalAmount, NoInvisibleCharacters } from '@app/core';
import { Level, LEVELS } from '../entities/scheme-level.entity';

export class CreateLevelComponentDto {
  /** e.g. `THEORY`, `PRACTICAL`: 1–32 letters, digits, `_` or `-`; unique within the level. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, "_" or "-"',
  })
  code: string;

  /** 1–200 characters, e.g. 理论知识考试. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;
}

export class CreateSchemeLevelDto {
  @IsIn(LEVELS)
  level: Level;

  /** Credits the credit bank recognises for this level: a decimal string, 0–999.99, at most 2 decimals. */
  @IsDecimalAmount({ min: 0, max: 999.99 })
  recognisedCredits: string;

  /** The level's exam components, 1–20, codes unique within the level. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreateLevelComponentDto)
  components: CreateLevelComponentDto[];
}

export class CreateCertificateSchemeDto {
  /** e.g. `X-WEB-FE`: 1–32 letters, digits, `.`, `_` or `-`; unique. */
  @IsString()
  @NoInvisibleCharacters()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, ".", "_" or "-"',
  })
  code: string;

  /** 1–200 characters, e.g. Web前端开发职业技能等级证书. */
  @IsString()
  @NoInvisibleCharacters()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  name: string;

  /** The issuing body; an EXAMINER may name only their own. */
  @IsUUID()
  certificationBodyId: string;

  /** Exactly the three levels JUNIOR, INTERMEDIATE and SENIOR, each once. */
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreateSchemeLevelDto)
  levels: CreateSchemeLevelDto[];
}

export class SchemeQueryDto {
  /** Only the schemes of this body. */
  @IsOptional()
  @IsUUID()
  certificationBodyId?: string;
}

export class LevelComponentDto {
  code: string;
  name: string;
}

export class SchemeLevelDto {
  level: Level;
  recognisedCredits: string;
  components: LevelComponentDto[];
}

export class CertificateSchemeDto {
  id: string;
  code: string;
  name: string;
  certificationBodyId: string;
  /** JUNIOR, INTERMEDIATE, SENIOR in that order. */
  levels: SchemeLevelDto[];
  createdAt: string;
}

export class CertificateSchemeListDto {
  items: CertificateSchemeDto[];
  total: number;
}
