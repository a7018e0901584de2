import type { FieldMessageKey, ProblemKey } from './messages.en';

export interface ProblemText {
  title: string;
  detail: string;
}

export interface Dictionary {
  problems: Record<ProblemKey, ProblemText>;
  fields: Record<FieldMessageKey, string>;
}

/**
 * 简体中文：面向学校教务人员。每条都说明哪里不对、怎样改正；`{name}` 由错误的参数填入。
 * Keys are those of messages.en.ts; a key missing here fails typecheck.
 */
export const ZH_CN: Dictionary = {
  problems: {
    VALIDATION_FAILED: {
      title: '提交的内容有误',
      detail: '请求中有字段不符合要求，请按 errors 中每个字段的说明修改后重新提交。',
    },
    NOT_FOUND: { title: '未找到', detail: '未找到要查找的内容，或你无权查看。' },
    INTERNAL: {
      title: '服务器内部错误',
      detail: '服务器未能完成请求，请稍后重试；如仍失败请联系管理员。',
    },
    'AUTH.UNAUTHENTICATED': {
      title: '未登录',
      detail: '需要有效的登录凭证（Bearer 令牌），请先登录。',
    },
    'AUTH.INVALID_TOKEN': { title: '未登录', detail: '登录凭证无效或已过期，请重新登录。' },
    'AUTH.INVALID_CREDENTIALS': { title: '登录失败', detail: '用户名或密码错误，请检查后重试。' },
    'AUTH.FORBIDDEN': {
      title: '无权操作',
      detail: '你的账号无权执行此操作；如确需办理，请联系管理员。',
    },
    'AUTH.USERNAME_TAKEN': {
      title: '用户名已被使用',
      detail: '用户名“{username}”已被使用（仅大小写不同的用户名视为同一个），请换一个。',
    },
    'AUTH.LEARNER_HAS_LOGIN': { title: '账号已存在', detail: '该学习者已有登录账号，无需再建。' },
    'AUTH.TOKEN_REVOKED': {
      title: '登录已失效',
      detail: '该登录凭证已失效：账号信息被修改、密码被重置或修改，或已退出登录。请重新登录。',
    },
    'AUTH.ACCOUNT_DISABLED': {
      title: '账号已停用',
      detail: '该登录账号已被停用，请联系管理员启用后再登录。',
    },
    'AUTH.PASSWORD_CHANGE_REQUIRED': {
      title: '请先修改密码',
      detail: '管理员已重置该账号的密码：请先修改密码（POST /v1/auth/password），再办理其他操作。',
    },
    'AUTH.PASSWORD_TOO_COMMON': {
      title: '密码过于简单',
      detail:
        '该密码是最常见的密码之一（或只是在常见密码前后加了数字、符号），很容易被猜到。请换一个别人猜不到的密码。',
    },
    'AUTH.PASSWORD_CONTAINS_USERNAME': {
      title: '密码过于简单',
      detail: '密码中包含用户名（或倒写的用户名），很容易被猜到。请换一个与用户名无关的密码。',
    },
    'AUTH.PASSWORD_TOO_PREDICTABLE': {
      title: '密码过于简单',
      detail:
        '密码是同一字符的重复，或是连续的字母、数字、键盘按键，很容易被猜到。请换一个由不相关字符组成的密码。',
    },
    'AUTH.CURRENT_PASSWORD_WRONG': {
      title: '当前密码错误',
      detail: '填写的当前密码不正确，请核对后重新提交。',
    },
    'AUTH.PASSWORD_UNCHANGED': {
      title: '新密码与当前密码相同',
      detail: '新密码与当前密码相同，请设置一个不同的新密码。',
    },
    'USERS.NOT_FOUND': { title: '未找到用户', detail: '未找到该登录账号，请核对用户 id。' },
    'USERS.LAST_ADMIN': {
      title: '不能停用最后一个管理员',
      detail:
        '这是最后一个启用中的管理员（ADMIN）账号：请先启用或新建另一个管理员，再停用此账号或更改其角色。',
    },
    'REQUEST.BAD': { title: '请求无效', detail: '无法受理该请求，请检查请求内容。' },
    'REQUEST.MALFORMED_JSON': {
      title: 'JSON 格式错误',
      detail: '请求体不是有效的 JSON，请检查括号、引号和逗号。',
    },
    'REQUEST.JSON_TOO_DEEP': {
      title: 'JSON 嵌套过深',
      detail: '请求体的嵌套层级超过 64 层，请精简结构后重新提交。',
    },
    'REQUEST.BAD_URL': {
      title: '请求无效',
      detail: '请求地址无效（百分号编码有误），请检查地址。',
    },
    'REQUEST.URI_TOO_LONG': {
      title: '地址过长',
      detail: '请求地址过长，服务器无法受理，请缩短后重试。',
    },
    'REQUEST.BODY_TOO_LARGE': {
      title: '请求体过大',
      detail: '请求体超过服务器允许的大小，请减少内容或分批提交。',
    },
    'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
      title: '不支持的内容类型',
      detail: '请求体请以 application/json 格式发送。',
    },
    'REQUEST.RATE_LIMITED': { title: '请求过于频繁', detail: '请求过于频繁，请稍后再试。' },
    'REQUEST.TIMEOUT': { title: '请求超时', detail: '请求未能按时送达，请检查网络后重试。' },
    'REQUEST.HEADERS_TOO_LARGE': {
      title: '请求头过大',
      detail: '请求行或请求头超过服务器允许的大小。',
    },
    'ROUTE.NOT_FOUND': {
      title: '未找到',
      detail: '没有 {method} {path} 这个接口，请检查地址和请求方法。',
    },
    'ROUTE.METHOD_NOT_ALLOWED': { title: '不支持该方法', detail: '此地址不支持该请求方法。' },
    'SERVICE.DATABASE_UNAVAILABLE': {
      title: '服务暂不可用',
      detail: '暂时无法连接数据库，请稍后重试（请使用相同的 Idempotency-Key）。',
    },
    'IDEMPOTENCY.KEY_REUSED': {
      title: '幂等键重复',
      detail: '该 Idempotency-Key 已用于另一个不同的请求；新的请求请换一个新的键。',
    },
    'ACCOUNTS.LEARNER_EXISTS': {
      title: '学习账户已存在',
      detail: '该身份证件已开设学习账户，请直接使用已有账户。',
    },
    'ACCOUNTS.LEARNER_NOT_FOUND': {
      title: '未找到学习者',
      detail: '未找到该学习者，或你无权查看其账户。',
    },
    'AUDIT.NO_TREE_HEAD': { title: '未找到', detail: '尚无已签名的树头，请稍后再查。' },
    'AUDIT.CHAIN_BROKEN': { title: '审计链校验失败', detail: '审计日志校验未通过：{problem}' },
    'AUDIT.TREE_SIZE_BEYOND_LOG': {
      title: '超出日志范围',
      detail:
        '日志目前共有 {logSize} 条记录，尚不存在大小为 {requested} 的树。请查询不超过 {logSize} 的大小（最新签名树头的 treeSize 总是可用的）。',
    },
    'CATALOG.INSTITUTION_NOT_FOUND': {
      title: '未找到院校',
      detail: '未找到该院校，或它不在你的管理范围内。',
    },
    'CATALOG.CERTIFICATION_BODY_NOT_FOUND': {
      title: '未找到评价组织',
      detail: '未找到该证书评价组织，或它不在你的管理范围内。',
    },
    'CATALOG.SCHEME_NOT_FOUND': {
      title: '未找到证书',
      detail: '未找到该职业技能等级证书，或它不在你的管理范围内。',
    },
    'CATALOG.COURSE_NOT_FOUND': {
      title: '未找到课程',
      detail: '未找到该课程，或它不在你的管理范围内。',
    },
    'CATALOG.PROGRAM_NOT_FOUND': {
      title: '未找到专业',
      detail: '未找到该专业，或它不在你的管理范围内。',
    },
    'CATALOG.INSTITUTION_CODE_TAKEN': {
      title: '院校代码已存在',
      detail: '代码为“{code}”的院校已存在，请核对代码或换一个。',
    },
    'CATALOG.PROGRAM_CODE_TAKEN': {
      title: '专业代码已存在',
      detail: '本校已有代码为“{code}”的专业，请核对代码或换一个。',
    },
    'CATALOG.COURSE_CODE_TAKEN': {
      title: '课程代码已存在',
      detail: '本校已有代码为“{code}”的课程，请核对代码或换一个。',
    },
    'CATALOG.CERTIFICATION_BODY_CODE_TAKEN': {
      title: '评价组织代码已存在',
      detail: '代码为“{code}”的评价组织已存在，请核对代码或换一个。',
    },
    'CATALOG.SCHEME_CODE_TAKEN': {
      title: '证书代码已存在',
      detail: '代码为“{code}”的证书已存在，请核对代码或换一个。',
    },
    'CATALOG.COURSE_CREDITS_RECORDED': {
      title: '课程学分已被登记使用',
      detail:
        '已有 {entries} 条学分银行记录引用了这门课程，其学分和所属专业不能再修改；名称、学时和课程类别仍可修改。如需不同的学分，请用新的课程代码另建一门课程。',
    },
    'CATALOG.PROGRAM_CAP_BELOW_EXEMPTED': {
      title: '免修学分上限过低',
      detail:
        '该专业已有学习者被免修 {exempted} 学分，超过新的免修学分上限（maxExemptCredits）。请将上限设为不低于 {exempted}。',
    },
    'CONVERSION.RULE_NOT_FOUND': {
      title: '未找到转换规则',
      detail: '未找到该转换规则，或你无权查看。',
    },
    'CONVERSION.RULE_VERSION_NOT_FOUND': {
      title: '未找到规则版本',
      detail: '该转换规则没有第 {version} 版。',
    },
    'CONVERSION.NOTHING_TO_ACTIVATE': {
      title: '没有可启用的版本',
      detail: '该规则没有草稿（DRAFT）版本可以启用；请先保存一个新版本。',
    },
    'CONVERSION.RULE_NOT_ACTIVE': {
      title: '规则未启用',
      detail: '该规则没有已启用（ACTIVE）的版本，请先启用一个版本。',
    },
    'CONVERSION.APPLICATION_NOT_FOUND': {
      title: '未找到申请',
      detail: '未找到该免修免考申请，或你无权查看。',
    },
    'CONVERSION.APPLICATION_ALREADY_DECIDED': {
      title: '申请已处理',
      detail: '该申请已处理（当前状态：{applicationStatus}），不能再次审批。',
    },
    'CONVERSION.APPLICATION_ALREADY_OPEN': {
      title: '申请已在审批中',
      detail: '针对该目标的申请已在等待审批，请等待结果，无需重复提交。',
    },
    'CONVERSION.NOT_ELIGIBLE': {
      title: '不符合条件',
      detail: '按该规则，学习者不能免修（免考）此目标；原因见 reasons。',
    },
    'CONVERSION.SCAN_ALREADY_QUEUED': {
      title: '扫描已在进行',
      detail:
        '该规则的扫描已在排队或运行中（任务 {jobId}），发起人可在 GET /v1/jobs/{jobId} 查看进度；完成后再重新发起。',
    },
    'JOBS.NOT_FOUND': { title: '未找到任务', detail: '未找到该任务，或你无权查看。' },
    'JOBS.QUEUE_UNAVAILABLE': {
      title: '任务队列暂不可用',
      detail: '暂时无法连接任务队列，本次未排队任何任务，请稍后重试。',
    },
    'LEDGER.ENTRY_NOT_FOUND': {
      title: '未找到记录',
      detail: '未找到该学分银行记录，或你无权操作。',
    },
    'LEDGER.CREDIT_ALREADY_RECORDED': {
      title: '成绩已登记',
      detail: '该课程的合格成绩已登记在此账户中，无需重复登记。',
    },
    'LEDGER.COURSE_ALREADY_EXEMPTED': {
      title: '课程已免修',
      detail:
        '该课程已在此账户中免修；一门课程只能免修或取得学分，不能两者兼有，否则会重复计算。如应改为计入成绩，请先撤销免修。（不及格的成绩仍会登记。）',
    },
    'LEDGER.COURSE_ALREADY_CREDITED': {
      title: '课程已取得学分',
      detail: '该课程已有合格成绩登记在此账户中，不能再办理免修。',
    },
    'LEDGER.CERTIFICATE_NUMBER_TAKEN': {
      title: '证书编号已登记',
      detail:
        '该证书编号已在此证书下登记过（比对时不区分大小写、全角半角和首尾空格），请核对编号。',
    },
    'LEDGER.CERTIFICATE_LEVEL_ALREADY_HELD': {
      title: '已持有同级证书',
      detail:
        '此账户已有同一证书、同一等级且在新证书发证日仍有效的证书；每个等级只能持有一张有效证书。如为换证，请从原证书到期之日起登记；如原证书登记有误，请先撤销原证书。',
    },
    'LEDGER.DIPLOMA_NUMBER_TAKEN': {
      title: '毕业证书编号已登记',
      detail:
        '本校已登记过该毕业证书编号（比对时不区分大小写、全角半角和首尾空格）。如该证书登记到了错误的学习者名下，请先撤销。',
    },
    'LEDGER.DIPLOMA_ALREADY_RECORDED': {
      title: '毕业证书已登记',
      detail: '此账户已登记该专业的毕业证书。如登记有误，请先撤销。',
    },
    'LEDGER.ALREADY_CANCELLED': {
      title: '记录已撤销',
      detail: '该记录已被撤销或吊销，无需再次操作。',
    },
    'LEDGER.EXEMPTION_ALREADY_STANDS': {
      title: '已免修',
      detail: '此账户已有针对该目标的免修（免考）记录。',
    },
    'LEDGER.NOT_CANCELLABLE': { title: '不能撤销', detail: '更正记录本身不能再撤销。' },
    'RELATIONSHIPS.ENROLMENT_NOT_FOUND': {
      title: '未找到学籍',
      detail: '未找到该入学登记（学籍），或它不属于你所在的学校。',
    },
    'RELATIONSHIPS.SHARE_NOT_FOUND': {
      title: '未找到授权',
      detail: '未找到该查看授权，或它不是你本人授予的。',
    },
    'RELATIONSHIPS.STUDENT_NO_TAKEN': {
      title: '学号已被使用',
      detail: '学号“{studentNo}”在本校已分配给另一条学籍，请核对后换一个学号。',
    },
    'RELATIONSHIPS.ALREADY_ENROLLED': {
      title: '已在读',
      detail: '该学习者在本专业已有在读学籍；如需重新入学，请先办理原学籍的结束（毕业、退学等）。',
    },
    'RELATIONSHIPS.ENROLMENT_ENDED': {
      title: '学籍已结束',
      detail: '该学籍已经结束（{status}），不能再次结束。',
    },
    'RELATIONSHIPS.ALREADY_REGISTERED': {
      title: '已报名',
      detail: '该学习者已报名本批次该证书这一等级的考核，无需重复报名。',
    },
    'RELATIONSHIPS.SHARE_WITHDRAWN': {
      title: '授权已撤回',
      detail: '该查看授权已经撤回，无需再次撤回。',
    },
    'RELATIONSHIPS.NOT_ENROLLED': {
      title: '无在读学籍',
      detail:
        '该学习者在 {date} 没有本校有效的学籍，不能登记本校的成绩或毕业证书。请先为其办理入学登记（POST /v1/learners/<学习者 id>/enrolments），或核对日期。',
    },
    'RELATIONSHIPS.NOT_REGISTERED': {
      title: '未报名考核',
      detail:
        '该学习者未报名本证书 {level} 等级的考核，不能登记该等级的证书。请先为其报名（POST /v1/learners/<学习者 id>/exam-registrations）。',
    },
    'IMPORTS.NOT_FOUND': { title: '未找到', detail: '未找到{what}，或它不在你的管理范围内。' },
    'IMPORTS.NOT_MULTIPART': {
      title: '不支持的内容类型',
      detail: '请以 multipart/form-data 上传文件：先填写字段 kind，再附上字段 file。',
    },
    'IMPORTS.FILE_TOO_LARGE': {
      title: '文件过大',
      detail: '文件超过了导入允许的 {limit} 字节。请按班级或学期拆分为较小的文件，逐个上传。',
    },
    'IMPORTS.ALREADY_UPLOADED': {
      title: '文件已上传过',
      detail:
        '这个文件（内容完全相同）已于 {uploadedAt} 以「{fileName}」上传过。请打开那次导入；其中的任何一行都不会被重复登记。',
    },
    'IMPORTS.NOT_VALIDATED': {
      title: '尚未完成校验',
      detail: '该导入当前状态为 {status}：预检（试运行）完成后（状态 VALIDATED）才能提交。',
    },
    'IMPORTS.ALREADY_COMMITTED': {
      title: '已提交',
      detail: '该导入已提交（{status}），其中每一行只登记一次。',
    },
    'IMPORTS.NOTHING_TO_COMMIT': {
      title: '没有可提交的行',
      detail: '该导入没有一行通过校验。请按错误文件更正后重新上传更正后的文件。',
    },
    'IMPORTS.UNREADABLE': {
      title: '文件无法读取',
      detail:
        '无法按 {format} 读取该文件：{reason}。请在表格软件中重新另存为 CSV 或 XLSX 后再上传。',
    },
    'IMPORTS.UNDECODABLE': {
      title: '无法识别文字编码',
      detail:
        '该文件既不是 UTF-8 也不是 GB18030 编码的文本。请重新另存为“CSV UTF-8”（或 GB18030 编码的 CSV）后再上传。',
    },
    'IMPORTS.EMPTY': {
      title: '空文件',
      detail: '文件没有表头行。请从模板开始填写：模板的第一行是各列的列名。',
    },
    'IMPORTS.MISSING_COLUMNS': {
      title: '缺少列',
      detail: '文件缺少这些列：{columns}。请在表头行中补上（模板包含所有列）。',
    },
    'IMPORTS.NO_IDENTITY_COLUMNS': {
      title: '缺少学习者信息列',
      detail: '文件中没有能确定学习者的列：请添加 {ways}。',
    },
    'IMPORTS.UNSUPPORTED_FORMAT': {
      title: '不是 CSV 或 XLSX 文件',
      detail:
        '该文件既不是 CSV 也不是 XLSX（可能是旧版 .xls、UTF-16 文本或其他类型的文件）。请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）后再上传。',
    },
    'IMPORTS.ACTOR_GONE': {
      title: '登录账号已无权限',
      detail:
        '发起这一步的登录账号已停用，或已不属于该导入所在的学校或机构。请用有效的账号重新上传文件。',
    },
    'IMPORTS.JOB_FAILED': {
      title: '导入已中止',
      detail:
        '导入因服务器故障中止，未能完成。中止前已登记的行保持已登记（每行只登记一次）。请重新上传文件，或请管理员查看 worker 日志。',
    },
    'IMPORTS.UPLOAD_BROKEN': {
      title: '上传不完整',
      detail: '文件尚未传完上传就结束了（连接中断或表单被截断）。请重新上传文件。',
    },
    'IMPORTS.TOO_MANY_ROWS': {
      title: '行数过多',
      detail: '文件超过 {limit} 行。请拆分为较小的文件，逐个上传。',
    },
  },
  fields: {
    REQUIRED: '缺少 {field}，请填写',
    'REQUIRED.idOrCode': '缺少 {field} 或 {codeField}：请填写 id 或代码，二者选一',
    UNKNOWN_FIELD: '不接受字段 {field}，请删除它（或检查拼写）',
    UNKNOWN_VALUE: '请求体必须是包含接口文档所列字段的 JSON 对象',
    'WRONG_TYPE.string': '{field} 应为文本（JSON 字符串）',
    'WRONG_TYPE.number': '{field} 应为数字',
    'WRONG_TYPE.integer': '{field} 应为整数',
    'WRONG_TYPE.boolean': '{field} 应为 true 或 false',
    'WRONG_TYPE.array': '{field} 应为列表（JSON 数组）',
    'WRONG_TYPE.object': '{field} 应为对象（JSON 对象）',
    TOO_MANY_DECIMALS: '{field} 最多保留 {max} 位小数',
    'TOO_MANY_DECIMALS.one': '{field} 最多保留 1 位小数',
    'TOO_MANY_DECIMALS.none': '{field} 应为整数，不能有小数',
    NOT_DECIMAL: '{field} 应为小数，例如 "4.5"',
    TOO_SMALL: '{field} 不能小于 {min}',
    TOO_LARGE: '{field} 不能大于 {max}',
    OUT_OF_RANGE: '{field} 应在 {min} 到 {max} 之间',
    'OUT_OF_RANGE.above': '{field} 应大于 {min} 且不超过 {max}',
    LENGTH: '{field} 的长度应为 {min} 到 {max} 个字符',
    TOO_SHORT: '{field} 至少要 {min} 个字符',
    TOO_LONG: '{field} 最多 {max} 个字符',
    TOO_FEW_ITEMS: '{field} 至少要有 {min} 项',
    TOO_MANY_ITEMS: '{field} 最多只能有 {max} 项',
    NOT_ALLOWED_VALUE: '{field} 只能是以下之一：{allowed}',
    NOT_UUID: '{field} 应为 UUID',
    NOT_A_DATE: '{field} 应为真实存在的日期，格式为 YYYY-MM-DD',
    DATE_IN_FUTURE: '{field} 应为真实存在的日期（YYYY-MM-DD），且不能晚于今天',
    NOT_AFTER: '{field} 应晚于 {other}',
    NOT_BLANK: '{field} 不能为空白',
    CONTROL_CHARACTER: '{field} 不能包含控制字符',
    INVISIBLE_CHARACTER: '{field} 含有不可见字符或文字方向控制字符（{found}），请删除后重新提交',
    DIRECTION_CHARACTER: '{field} 含有会改变周围文字显示方向的字符（{found}），请删除后重新提交',
    INVALID_FORMAT: '{field} 的格式不正确',
    UNVALIDATABLE: '{field} 的值无法校验，请检查其格式',
    INVALID: '{field} 的值无效',
    'INVALID.idAndCode': '{field} 和 {codeField} 只能填写一个：两者指向同一条目录，请删去其中一个',
    'INVALID.notEnrolled': '该学习者在 {date} 没有本校的有效学籍',
    'INVALID.notRegistered': '该学习者未报名 {level} 等级的考核',
    'INVALID.levelNotOffered': '该证书没有 {level} 这一等级',
    'INVALID.excelNumber':
      '{field} 被 Excel 存成了数字（{value}），数字已丢失；请把该列设置为“文本”格式后重新填写',
    'INVALID.duplicateInFile': '{field} 与本文件第 {row} 行重复；两行只保留一行',
    'INVALID.learnerNotFound':
      '在你的学校或机构可管理的学习者中，没有这个{field}的账户；请先开立账户（入学导入会开立），或核对号码',
    'INVALID.nameMismatch': '{field} 与该学习者账户上的姓名不一致；请核对该行',
    'REQUIRED.identity': '该行没有可确定学习者的信息：请填写 {columns}',
  },
};
