export * from './engine.types';
export { evaluate } from './evaluate';
export {
  collectReferences,
  isCondition,
  leafPaths,
  MAX_CONDITION_DEPTH,
  validateCondition,
} from './condition';
export { isLevel, LEVELS, levelAtLeast, levelRank } from './level';
export {
  isCourseTarget,
  isCourseTargetContext,
  sameTarget,
  targetKey,
  targetOfContext,
} from './target';
export { formatHundredths, isCreditAmount, normaliseCredits, parseHundredths } from './decimal';
export {
  describeEvaluation,
  describeGroup,
  describeLeaf,
  describeLeafCondition,
  describeLimit,
  withNames,
} from './describe';
export { levelRange } from './evidence';
