/**
 * The portal's Chinese text, the default language, and the shape every other language follows
 * (en.ts is checked against it). Components never hold text of their own: `{name}` marks a value
 * filled in by `fill()`.
 */
export const zhCN = {
  lang: { name: '中文', switchTo: 'English', label: '界面语言' },
  app: {
    name: '学分银行',
    tagline: '1+X 证书与学分银行 · 个人学习账户',
    skip: '跳到正文',
    mainNav: '主导航',
    signedInAs: '{name}（{scope}）',
    logout: '退出登录',
    loading: '正在加载…',
    notFound: '没有这个页面',
    notFoundHint: '地址可能有误，或这个页面不属于你的角色。',
    backHome: '回到首页',
    retry: '重试',
    offline: '连不上服务器，请检查网络后重试。',
    unexpected:
      '服务器出错了（{status}）。请稍后重试；如果一直这样，请把请求编号 {requestId} 告诉管理员。',
    sessionEnded: '登录已过期，请重新登录。',
    required: '必填',
    optional: '选填',
    save: '保存',
    cancel: '取消',
    confirm: '确认',
    close: '关闭',
    search: '搜索',
    more: '加载更多',
    none: '暂无',
    yes: '是',
    no: '否',
    saved: '已保存',
    titleDetail: '{title}：{detail}',
    formHasErrors: '有 {count} 处需要修改，见下方标红的字段。',
  },
  login: {
    title: '登录',
    intro: '学生、教务、考务和管理员都从这里登录。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    demoTitle: '演示账号',
    demoHint: '本机演示数据的登录名和密码在启动时打印在终端里。',
    changeTitle: '请先修改密码',
    changeIntro: '管理员重置了你的密码。设置新密码后才能继续使用。',
    currentPassword: '当前密码',
    newPassword: '新密码',
    changeSubmit: '修改密码',
  },
  roles: { ADMIN: '管理员', REGISTRAR: '教务', EXAMINER: '考务', LEARNER: '学生' },
  nav: {
    account: '我的账户',
    eligibility: '可申请的免修免试',
    applications: '我的申请',
    history: '记录与查看',
    shares: '授权查看',
    students: '学生',
    inbox: '待审批',
    rules: '转换规则',
    candidates: '考生',
    examRules: '免试规则',
    institutions: '院校',
    bodies: '评价组织',
    users: '用户',
    audit: '审计',
  },
  enums: {
    level: { JUNIOR: '初级', INTERMEDIATE: '中级', SENIOR: '高级' },
    entryKind: {
      COURSE_CREDIT: '课程学分',
      CERTIFICATE: '职业技能等级证书',
      DIPLOMA: '学历证书',
      COURSE_EXEMPTION: '课程免修',
      EXAM_EXEMPTION: '考核免试',
      REVERSAL: '撤销',
      REVOCATION: '证书吊销',
    },
    entryStatus: { ACTIVE: '有效', EXPIRED: '已过期', REVERSED: '已撤销', REVOKED: '已吊销' },
    ruleKind: {
      CERT_TO_COURSE: '免修（证书换课程）',
      COURSE_TO_EXAM: '免试（课程换考核）',
      COURSE_TO_COURSE: '学分互认（课程换课程）',
    },
    ruleStatus: {
      ACTIVE: '生效中',
      DRAFT: '草稿',
      SUPERSEDED: '已被新版本取代',
      RETIRED: '已停用',
    },
    applicationStatus: {
      SUBMITTED: '待审批',
      APPROVED: '已批准',
      REJECTED: '已驳回',
      CLOSED: '已关闭',
    },
    decision: { APPROVE: '批准', REJECT: '驳回' },
    enrolmentStatus: {
      ACTIVE: '在读',
      GRADUATED: '已毕业',
      WITHDRAWN: '已退学',
      TRANSFERRED: '已转学',
    },
    shareStatus: { ACTIVE: '有效', WITHDRAWN: '已撤回', EXPIRED: '已到期' },
    category: {
      FULL_TIME: '全日制',
      PART_TIME: '非全日制',
      SOCIAL_LEARNER: '社会学习者',
      VETERAN: '退役军人',
      RETIRED_ATHLETE: '退役运动员',
      LAID_OFF_WORKER: '下岗职工',
      MIGRANT_WORKER: '农民工',
      NEW_FARMER: '新型职业农民',
    },
    courseCategory: {
      PUBLIC_BASIC: '公共基础课',
      PROFESSIONAL_FOUNDATION: '专业基础课',
      PROFESSIONAL_CORE: '专业核心课',
      PRACTICE: '实践课',
      ELECTIVE: '选修课',
    },
    institutionKind: {
      SECONDARY_VOCATIONAL: '中等职业学校',
      HIGHER_VOCATIONAL: '高等职业学校',
      VOCATIONAL_UNDERGRADUATE: '职业本科学校',
      UNDERGRADUATE: '普通本科学校',
      TECHNICIAN_COLLEGE: '技师学院',
      TRAINING_ORG: '培训机构',
    },
    idType: {
      RESIDENT_ID: '居民身份证',
      PASSPORT: '护照',
      HKMO_PERMIT: '港澳居民居住证',
      TW_PERMIT: '台湾居民居住证',
      FOREIGN_PERMANENT_ID: '外国人永久居留身份证',
    },
  },
  // learner: the learner's pages (apps/portal/src/learner)
  learner: {
    title: '我的学习账户',
  },
  // registrar: the school registrar's pages (apps/portal/src/registrar)
  registrar: {
    title: '教务工作台',
  },
  // examiner: the examiner's pages (apps/portal/src/examiner)
  examiner: {
    title: '考务工作台',
  },
  // staff: pages registrars and examiners share (apps/portal/src/staff)
  staff: {
    title: '审批与规则',
  },
  // admin: the administrator's pages (apps/portal/src/admin)
  admin: {
    title: '运营管理',
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** What every language provides: the same keys as the Chinese text, each a string. */
export type Dictionary = Strings<typeof zhCN>;
