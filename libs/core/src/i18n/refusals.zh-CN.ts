/**
 * Chinese for the fixed sentences an exemption application or its approval is refused with
 * before the rules engine judges (libs/conversion `NOT_APPROVABLE` and the submission's own),
 * by their English text. The engine's reasons are said from its traces instead.
 */
export const ZH_CN_REFUSALS: Record<string, string> = {
  'The rule has no active version.': '该规则当前没有生效的版本，暂不能申请。',
  'The rule has no active version any more.': '该规则已没有生效的版本，不能批准。',
  "The rule's active version no longer lists this target.":
    '该规则的生效版本已不再包含此免修（免试）目标，不能批准。',
  'The target course no longer exists.': '目标课程已不在课程目录中。',
  'The application is already APPROVED.': '该申请已批准，无需再次审批。',
  'The application is already REJECTED.': '该申请已驳回，不能再次审批。',
  'The application is already CLOSED.': '该申请已关闭，不能再次审批。',
};
