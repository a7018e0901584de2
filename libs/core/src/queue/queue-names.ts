/** Every queue of the product. Redis keys get the name as a hash tag so one queue stays in one Cluster slot. */
export const QueueName = {
  audit: 'audit',
  system: 'system',
  scans: 'scans',
  imports: 'imports',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);

/**
 * `{name}`, or `<namespace>:{name}` when several deployments (or test runs) share one Redis.
 * The braces are the Redis Cluster hash tag: all of a queue's keys land in one slot.
 */
export function queuePrefix(name: QueueName, namespace: string | null = null): string {
  return namespace ? `${namespace}:{${name}}` : `{${name}}`;
}
