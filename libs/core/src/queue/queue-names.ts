/** Every queue of the product. Redis keys get the name as a hash tag so one queue stays in one Cluster slot. */
export const QueueName = {
  audit: 'audit',
  system: 'system',
  scans: 'scans',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);

export function queuePrefix(name: QueueName): string {
  return `{${name}}`;
}
