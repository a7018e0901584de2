/** A certificate level in the words people use. */
export const LEVEL_NAMES: Record<string, string> = {
  JUNIOR: '初级',
  INTERMEDIATE: '中级',
  SENIOR: '高级',
};
