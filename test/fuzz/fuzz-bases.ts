import { todayInChina } from '@app/core';
import { SecurityWorld } from '../support/fuzz-world';
import { BaseRequest } from './request-generator';

/**
 * One valid request per operation of the OpenAPI document, by operationId, made by a caller the
 * route admits and naming the world's own resources: the fuzzer spoils these one to three
 * things at a time, so that each hostile value reaches the check it is aimed at instead of
 * stopping at the guard. The fuzz suite fails when an operation has no entry here.
 */
export function validRequests(w: SecurityWorld): Record<string, BaseRequest> {
  const learnerSide = ['learner', 'registrarA', 'examinerX'];
  const rule = {
    name: '中级证书免修专业核心课',
    condition: { all: [{ certificate: { schemeId: w.schemeX, minLevel: 'INTERMEDIATE' } }] },
    targets: [{ courseId: w.courseA }],
    creditsGranted: '4',
    maxCreditsPerEvidence: '8',
    effectiveFrom: '2024-09-01',
    effectiveTo: '2030-09-01',
  };
  return {
    Auth_login: {
      caller: 'anonymous',
      body: { username: 'fuzz-nobody', password: 'not-the-password' },
    },
    Auth_me: { caller: 'learner', alsoAdmitted: ['admin', 'examinerY'] },
    Users_create: {
      caller: 'admin',
      body: {
        username: 'fuzz.registrar',
        password: 'correct-horse-battery',
        role: 'REGISTRAR',
        institutionId: w.schoolA,
      },
    },
    Users_list: {
      caller: 'admin',
      query: { role: 'REGISTRAR', institutionId: w.schoolA, q: 'registrar', limit: '20' },
    },
    Users_get: { caller: 'admin', pathParams: { id: w.managedUserId } },
    Users_update: {
      caller: 'admin',
      pathParams: { id: w.managedUserId },
      body: { displayName: '测试用户', disabled: false, institutionId: w.schoolA },
    },
    Users_resetPassword: { caller: 'admin', pathParams: { id: w.managedUserId } },
    Auth_changePassword: {
      caller: 'changingPassword',
      body: { currentPassword: 'correct-horse-battery', newPassword: 'quiet-harbour-lantern-58' },
    },
    Auth_logout: { caller: 'signingOut' },
    Health_live: { caller: 'anonymous' },
    Health_ready: { caller: 'anonymous' },
    Institutions_create: {
      caller: 'admin',
      body: { code: 'FUZZ-INST', name: '株洲职业技术学院', kind: 'HIGHER_VOCATIONAL' },
    },
    Institutions_list: { caller: 'learner' },
    Institutions_get: { caller: 'registrarB', pathParams: { institutionId: w.schoolA } },
    Institutions_update: {
      caller: 'admin',
      pathParams: { institutionId: w.schoolA },
      body: { name: '株洲职业技术学院', kind: 'HIGHER_VOCATIONAL' },
    },
    Programs_create: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB'],
      pathParams: { institutionId: w.schoolA },
      body: { code: '510203', name: '软件技术', totalCredits: '140.5', maxExemptCredits: '20' },
    },
    Programs_update: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB'],
      pathParams: { institutionId: w.schoolA, programId: w.programA },
      body: { name: '软件技术', totalCredits: '140.5', maxExemptCredits: '20' },
    },
    Programs_list: { caller: 'examinerX', pathParams: { institutionId: w.schoolA } },
    Courses_create: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB'],
      pathParams: { institutionId: w.schoolA },
      body: {
        code: 'WEB-201',
        name: 'Web前端框架开发',
        credits: '3.5',
        hours: 56,
        category: 'PROFESSIONAL_CORE',
        programId: w.programA,
      },
    },
    Courses_update: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB'],
      pathParams: { institutionId: w.schoolA, courseId: w.courseA },
      body: { name: 'Web前端框架开发', hours: 56, category: 'PROFESSIONAL_CORE' },
    },
    Courses_list: {
      caller: 'learner',
      pathParams: { institutionId: w.schoolA },
      query: { programId: w.programA, category: 'PROFESSIONAL_CORE' },
    },
    CertificationBodies_create: {
      caller: 'admin',
      body: { code: 'FUZZ-BODY', name: '中国软件行业协会' },
    },
    CertificationBodies_list: { caller: 'registrarA' },
    CertificateSchemes_create: {
      caller: 'examinerX',
      alsoAdmitted: ['admin', 'examinerY'],
      body: {
        code: 'X-FUZZ',
        name: '云计算平台运维与开发',
        certificationBodyId: w.bodyX,
        levels: ['JUNIOR', 'INTERMEDIATE', 'SENIOR'].map((level, index) => ({
          level,
          recognisedCredits: String(4 + 2 * index),
          components: [
            { code: 'THEORY', name: '理论知识考试' },
            { code: 'PRACTICAL', name: '实操技能考核' },
          ],
        })),
      },
    },
    CertificateSchemes_list: { caller: 'learner', query: { certificationBodyId: w.bodyX } },
    CertificateSchemes_get: { caller: 'examinerY', pathParams: { schemeId: w.schemeX } },
    Learners_open: {
      caller: 'registrarA',
      alsoAdmitted: ['admin'],
      body: {
        name: '张伟',
        idType: 'RESIDENT_ID',
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
      },
    },
    Learners_lookup: {
      caller: 'registrarB',
      alsoAdmitted: ['admin', 'examinerX'],
      query: { idType: 'PASSPORT', idNumber: w.learner.idNumber },
    },
    Account_account: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
    },
    Account_myAccount: { caller: 'learner' },
    Account_entries: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
      query: { limit: '2' },
    },
    Account_exemptionApplications: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
      query: { limit: '2' },
    },
    Recording_courseCredit: {
      caller: 'registrarA',
      pathParams: { learnerId: w.learner.id },
      body: { courseId: w.courseA, term: '2024-2025-1', score: 59.5, completedAt: '2025-01-15' },
    },
    Recording_certificate: {
      caller: 'examinerX',
      pathParams: { learnerId: w.learner.id },
      body: {
        schemeId: w.schemeX,
        level: 'SENIOR',
        certificateNo: 'FUZZ-CERT-0001',
        issuedAt: '2025-03-01',
        validUntil: '2029-03-01',
      },
    },
    Recording_diploma: {
      caller: 'registrarA',
      pathParams: { learnerId: w.learner.id },
      body: { programId: w.programA, diplomaNo: 'FUZZ-DIP-0001', graduatedAt: '2025-06-30' },
    },
    Recording_reverse: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB', 'examinerX'],
      pathParams: { entryId: w.learner.creditEntry },
      body: { reason: '成绩录入错误' },
    },
    Recording_revoke: {
      caller: 'examinerX',
      alsoAdmitted: ['admin', 'examinerY'],
      pathParams: { entryId: w.learner.certificateEntry },
      body: { reason: '考试作弊，证书撤销' },
    },
    Recording_reversalPreview: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB', 'examinerX'],
      pathParams: { entryId: w.learner.creditEntry },
      query: { reason: '成绩录入错误' },
    },
    Recording_revocationPreview: {
      caller: 'examinerX',
      alsoAdmitted: ['admin', 'examinerY'],
      pathParams: { entryId: w.learner.certificateEntry },
      query: { reason: '考试作弊，证书撤销' },
    },
    Audit_events: {
      caller: 'admin',
      alsoAdmitted: ['learner'],
      query: { learnerId: w.learner.id, afterSeq: '0', limit: '5' },
    },
    Audit_verify: { caller: 'admin' },
    Audit_latestCheckpoint: { caller: 'anonymous' },
    Audit_latestTreeHead: { caller: 'anonymous', query: { format: 'note' } },
    Audit_treeHeadPage: { caller: 'anonymous', query: { limit: '5' } },
    Audit_signTreeHead: { caller: 'admin' },
    Audit_inclusionProof: { caller: 'anonymous', query: { seq: '1', treeSize: '1' } },
    Audit_consistencyProof: { caller: 'anonymous', query: { first: '1', second: '1' } },
    Audit_keys: { caller: 'anonymous' },
    ConversionRules_create: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB'],
      body: { kind: 'CERT_TO_COURSE', ...rule },
    },
    ConversionRules_list: {
      caller: 'examinerX',
      query: {
        kind: 'CERT_TO_COURSE',
        status: 'ACTIVE',
        ownerInstitutionId: w.schoolA,
        limit: '5',
      },
    },
    ConversionRules_get: { caller: 'registrarB', pathParams: { ruleId: w.ruleA } },
    ConversionRules_addVersion: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'registrarB'],
      pathParams: { ruleId: w.ruleA },
      body: rule,
    },
    ConversionRules_activate: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'examinerX'],
      pathParams: { ruleId: w.ruleA },
      body: { version: 2 },
    },
    ConversionRules_overlaps: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'examinerX'],
      pathParams: { ruleId: w.ruleA },
      query: { version: '2' },
    },
    ConversionRules_retire: {
      caller: 'registrarB',
      alsoAdmitted: ['examinerY'],
      pathParams: { ruleId: w.ruleA },
      body: {},
    },
    ConversionRules_scan: {
      caller: 'registrarA',
      alsoAdmitted: ['registrarB'],
      pathParams: { ruleId: w.ruleA },
      body: {},
    },
    LearnerEligibility_get: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
    },
    LearnerEligibility_submit: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
      body: { ruleId: w.ruleA, target: { courseId: w.courseA } },
    },
    ExemptionApplications_inbox: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'examinerX'],
      query: { status: 'SUBMITTED', limit: '5' },
    },
    ExemptionApplications_get: {
      caller: 'learner',
      alsoAdmitted: ['registrarA', 'examinerX'],
      pathParams: { applicationId: w.learner.applicationId },
    },
    ExemptionApplications_decide: {
      caller: 'registrarB',
      alsoAdmitted: ['examinerX'],
      pathParams: { applicationId: w.learner.applicationId },
      body: { decision: 'REJECT', reason: '材料不全' },
    },
    Enrolments_enrol: {
      caller: 'registrarA',
      alsoAdmitted: ['admin'],
      pathParams: { learnerId: w.learner.id },
      body: {
        programId: w.programA,
        studentNo: 'FUZZ-0001',
        category: 'FULL_TIME',
        startedAt: '2024-09-01',
        idNumber: w.learner.idNumber,
      },
    },
    Enrolments_forLearner: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
    },
    // An enrolment, share or job that is not there answers 404, which is all the fuzzer needs.
    Enrolments_end: {
      caller: 'registrarA',
      alsoAdmitted: ['admin'],
      pathParams: { enrolmentId: '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7b' },
      body: { status: 'GRADUATED', endedAt: '2025-06-30' },
    },
    Enrolments_rosterPage: {
      caller: 'registrarA',
      alsoAdmitted: ['admin'],
      pathParams: { institutionId: w.schoolA },
      query: { q: '李', programId: w.programA, status: 'ACTIVE' },
    },
    Enrolments_bodyRosterPage: {
      caller: 'examinerX',
      alsoAdmitted: ['admin', 'examinerY'],
      pathParams: { bodyId: w.bodyX },
      query: { q: '李', schemeId: w.schemeX, limit: '20' },
    },
    Enrolments_register: {
      caller: 'examinerX',
      alsoAdmitted: ['admin'],
      pathParams: { learnerId: w.learner.id },
      body: { schemeId: w.schemeX, level: 'SENIOR', session: '2025-06' },
    },
    Enrolments_registrationsOf: {
      caller: 'learner',
      alsoAdmitted: learnerSide,
      pathParams: { learnerId: w.learner.id },
    },
    Shares_grant: { caller: 'learner', body: { institutionId: w.schoolA, until: todayInChina() } },
    Shares_list: { caller: 'learner' },
    Shares_withdraw: {
      caller: 'learner',
      pathParams: { shareId: '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7c' },
    },
    AccessLog_mine: { caller: 'learner' },
    AccessLog_ofLearner: { caller: 'admin', pathParams: { learnerId: w.learner.id } },
    Jobs_get: {
      caller: 'registrarA',
      pathParams: { jobId: '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7a' },
    },
    Imports_template: {
      caller: 'registrarA',
      alsoAdmitted: ['admin', 'examinerX'],
      pathParams: { kind: 'COURSE_CREDITS' },
      query: { format: 'xlsx' },
    },
    // A JSON body, refused with 415: the fuzzer speaks JSON; hostile uploads (multipart) are in
    // test/e2e/imports-bad-input.e2e-spec.ts.
    Imports_upload: {
      caller: 'registrarA',
      alsoAdmitted: ['examinerX'],
      body: { kind: 'COURSE_CREDITS' },
    },
    Imports_list: { caller: 'registrarA', alsoAdmitted: ['examinerX'], query: { limit: '5' } },
    Imports_read: {
      caller: 'registrarA',
      pathParams: { importId: '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7d' },
    },
    Imports_errors: {
      caller: 'registrarA',
      pathParams: { importId: '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7d' },
      query: { format: 'csv' },
    },
    Imports_commit: {
      caller: 'registrarA',
      pathParams: { importId: '5d2f8a1e-9c3b-4e7d-8f6a-2b1c0d9e8f7d' },
    },
  };
}
