import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last run of each periodic worker job, as reported by /health/ready. */
@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'last_run_at', type: 'timestamptz' })
  lastRunAt: Date;

  @Column({ name: 'worker_id', type: 'varchar', length: 128 })
  workerId: string;

  @Column({ type: 'bigint', default: 0 })
  runs: string;
}
