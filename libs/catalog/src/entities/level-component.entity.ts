import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SchemeLevelEntity } from './scheme-level.entity';

/** An exam component of a level (e.g. THEORY, PRACTICAL): what a 免试 rule exempts from. */
@Entity({ name: 'level_components' })
@Index('level_components_level_code_key', ['schemeLevelId', 'code'], { unique: true })
export class LevelComponentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => SchemeLevelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scheme_level_id', foreignKeyConstraintName: 'level_components_level_fk' })
  schemeLevel?: SchemeLevelEntity;

  @Column({ name: 'scheme_level_id', type: 'uuid' })
  schemeLevelId: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
