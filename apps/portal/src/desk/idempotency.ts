import { useRef } from 'preact/hooks';
import { newIdempotencyKey } from '../api';

/**
 * The Idempotency-Key of one action: the same body again (a retry) keeps its key, so the API
 * answers it once; a changed body is another action and gets a fresh key. `settle()` after a
 * success, so the next entry typed the same way is recorded again.
 */
export function useIdempotencyKey(): { keyFor(body: unknown): string; settle(): void } {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
      return last.current.key;
    },
    settle() {
      last.current = null;
    },
  };
}
