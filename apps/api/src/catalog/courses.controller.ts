import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import {
  CourseDto,
  CourseListDto,
  CourseQueryDto,
  CoursesService,
  CreateCourseDto,
  UpdateCourseDto,
} from '@app/catalog';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/institutions/:institutionId/courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  /**
   * Adds a course (ADMIN, or the REGISTRAR of this institution; another school's registrar gets
   * 404). `programId` must be a program of the same school (else 422); a code in use is a 409.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Body() body: CreateCourseDto,
  ): Promise<CourseDto> {
    return this.courses.create(principal, institutionId, body);
  }

  /**
   * The school's courses, by code, optionally of one program or category. Any signed-in caller:
   * examiners' 免试 rules and other schools' 学分互认 rules name these courses, and learners
   * apply for exemptions from them.
   */
  @Roles(...ALL_ROLES)
  @Get()
  list(
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Query() query: CourseQueryDto,
  ): Promise<CourseListDto> {
    return this.courses.list(institutionId, query);
  }

  /**
   * Corrects a course's name, hours, category, credits or programId (ADMIN, or the REGISTRAR of
   * this institution; another school's registrar gets 404); the code never changes. Once a
   * ledger entry names the course, its credits and program are frozen: 409
   * CATALOG.COURSE_CREDITS_RECORDED. Audited as `catalog.course.changed`.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Patch(':courseId')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Param('courseId', ParseIdPipe) courseId: string,
    @Body() body: UpdateCourseDto,
  ): Promise<CourseDto> {
    return this.courses.update(principal, institutionId, courseId, body);
  }
}
