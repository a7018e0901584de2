import { OutboxEventEntity } from './outbox-event.entity';

export { OutboxEventEntity };

/** The tables this library owns, for the product's data source and migrations. */
export const OUTBOX_ENTITIES = [OutboxEventEntity];
