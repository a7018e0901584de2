/** Certificate levels, lowest first: the order is the meaning. */
export const LEVELS = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'] as const;

export type Level = (typeof LEVELS)[number];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Position of a level in LEVELS (JUNIOR = 0). */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** True when `level` is `minimum` or higher. */
export function levelAtLeast(level: Level, minimum: Level): boolean {
  return levelRank(level) >= levelRank(minimum);
}
