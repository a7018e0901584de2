import type { CourseCategory, InstitutionKind } from '@app/catalog';

/**
 * Two schools in Hunan with programs and courses in every category. The web courses line up
 * with the Web前端开发 certificate (X-WEB-FE) the way a real 《X证书与专业课程转换办法》 maps
 * them: JUNIOR ↔ professional-foundation courses, INTERMEDIATE ↔ professional-core courses.
 * Course codes are unique across both schools, so the seed's references can key them by code.
 */
export interface DemoCourse {
  code: string;
  name: string;
  credits: string;
  hours: number;
  category: CourseCategory;
  /** Code of a program of the same school; none for public basics. */
  program?: string;
}

export interface DemoSchool {
  key: 'higher' | 'secondary';
  code: string;
  name: string;
  kind: InstitutionKind;
  programs: { code: string; name: string; totalCredits: string; maxExemptCredits: string }[];
  courses: DemoCourse[];
}

export const DEMO_SCHOOLS: DemoSchool[] = [
  {
    key: 'higher',
    code: 'HNSF-HVC',
    name: '湖南示范信息职业技术学院',
    kind: 'HIGHER_VOCATIONAL',
    programs: [
      { code: '510203', name: '软件技术', totalCredits: '140', maxExemptCredits: '20' },
      { code: '530701', name: '电子商务', totalCredits: '130', maxExemptCredits: '16' },
    ],
    courses: [
      {
        code: 'HV-GE101',
        name: '思想道德与法治',
        credits: '3',
        hours: 48,
        category: 'PUBLIC_BASIC',
      },
      { code: 'HV-GE102', name: '高等数学', credits: '4', hours: 64, category: 'PUBLIC_BASIC' },
      { code: 'HV-GE103', name: '大学英语', credits: '4', hours: 64, category: 'PUBLIC_BASIC' },
      {
        code: 'HV-SE101',
        name: '程序设计基础',
        credits: '4',
        hours: 64,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '510203',
      },
      {
        code: 'HV-SE102',
        name: '数据库技术与应用',
        credits: '3.5',
        hours: 56,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '510203',
      },
      {
        code: 'HV-WEB101',
        name: '网页设计与制作（HTML5+CSS3）',
        credits: '4',
        hours: 64,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '510203',
      },
      {
        code: 'HV-WEB102',
        name: 'JavaScript程序设计',
        credits: '4',
        hours: 64,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '510203',
      },
      {
        code: 'HV-WEB201',
        name: 'Web前端框架开发（Vue.js）',
        credits: '4',
        hours: 64,
        category: 'PROFESSIONAL_CORE',
        program: '510203',
      },
      {
        code: 'HV-WEB202',
        name: '响应式Web开发',
        credits: '3',
        hours: 48,
        category: 'PROFESSIONAL_CORE',
        program: '510203',
      },
      {
        code: 'HV-SE201',
        name: 'Java Web应用开发',
        credits: '4.5',
        hours: 72,
        category: 'PROFESSIONAL_CORE',
        program: '510203',
      },
      {
        code: 'HV-PR301',
        name: 'Web前端开发综合实训',
        credits: '2',
        hours: 52,
        category: 'PRACTICE',
        program: '510203',
      },
      {
        code: 'HV-PR302',
        name: '岗位实习',
        credits: '16',
        hours: 480,
        category: 'PRACTICE',
        program: '510203',
      },
      {
        code: 'HV-EL401',
        name: '用户体验设计',
        credits: '1.5',
        hours: 24,
        category: 'ELECTIVE',
        program: '510203',
      },
      { code: 'HV-EL402', name: '人工智能导论', credits: '2', hours: 32, category: 'ELECTIVE' },
      {
        code: 'HV-EC101',
        name: '网店运营基础',
        credits: '3',
        hours: 48,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '530701',
      },
      {
        code: 'HV-EC201',
        name: '电子商务数据分析',
        credits: '4',
        hours: 64,
        category: 'PROFESSIONAL_CORE',
        program: '530701',
      },
    ],
  },
  {
    key: 'secondary',
    code: 'CSSF-SVS',
    name: '长沙市示范中等职业学校',
    kind: 'SECONDARY_VOCATIONAL',
    programs: [
      { code: '710201', name: '计算机应用', totalCredits: '170', maxExemptCredits: '16' },
      { code: '700206', name: '汽车运用与维修', totalCredits: '170', maxExemptCredits: '16' },
    ],
    courses: [
      { code: 'SV-GE101', name: '语文', credits: '8', hours: 144, category: 'PUBLIC_BASIC' },
      { code: 'SV-GE102', name: '数学', credits: '8', hours: 144, category: 'PUBLIC_BASIC' },
      { code: 'SV-GE103', name: '英语', credits: '6', hours: 108, category: 'PUBLIC_BASIC' },
      {
        code: 'SV-IT101',
        name: '计算机应用基础',
        credits: '4',
        hours: 72,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '710201',
      },
      {
        code: 'SV-WEB101',
        name: '网页制作基础',
        credits: '4',
        hours: 72,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '710201',
      },
      {
        code: 'SV-WEB201',
        name: '网站建设与维护',
        credits: '4',
        hours: 72,
        category: 'PROFESSIONAL_CORE',
        program: '710201',
      },
      {
        code: 'SV-IT201',
        name: '图形图像处理',
        credits: '3',
        hours: 54,
        category: 'PROFESSIONAL_CORE',
        program: '710201',
      },
      {
        code: 'SV-PR301',
        name: '网页设计综合实训',
        credits: '2',
        hours: 60,
        category: 'PRACTICE',
        program: '710201',
      },
      { code: 'SV-EL401', name: '书法', credits: '1', hours: 18, category: 'ELECTIVE' },
      {
        code: 'SV-AU101',
        name: '汽车机械基础',
        credits: '3',
        hours: 54,
        category: 'PROFESSIONAL_FOUNDATION',
        program: '700206',
      },
      {
        code: 'SV-AU201',
        name: '汽车维护与保养',
        credits: '4',
        hours: 72,
        category: 'PROFESSIONAL_CORE',
        program: '700206',
      },
    ],
  },
];

/** Which demo courses the Web前端开发 certificate speaks to, for the demo conversion rules. */
export const WEB_FRONT_END_COURSES = {
  schemeCode: 'X-WEB-FE',
  /** JUNIOR exempts these. */
  foundation: ['HV-WEB101', 'HV-WEB102', 'SV-WEB101'],
  /** INTERMEDIATE exempts these. */
  core: ['HV-WEB201', 'HV-WEB202', 'SV-WEB201'],
};
