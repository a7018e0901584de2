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
  type CatalogWords,
  type DescribedEvaluation,
  type EvaluationNames,
  type EvaluationSentences,
} from './describe';
export { type Language } from './phrases';
export { levelRange } from './evidence';
