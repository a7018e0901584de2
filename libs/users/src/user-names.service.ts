import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who a user is in words, for the views that name who recorded or decided something. */
@Injectable()
export class UserNames {
  /** The display name, or the username for logins that have none. */
  async displayNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const unique = Array.from(new Set(ids));
    if (unique.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      'SELECT id::text AS id, COALESCE(display_name, username) AS name FROM users WHERE id = ANY($1::uuid[])',
      [unique],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
