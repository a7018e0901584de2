import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { witnessOnce, WitnessOutcome } from './audit-witness';
import { parseVerifierKey, SignedNoteError } from './signed-note';

type Env = Record<string, string | undefined>;

export const WITNESS_USAGE = `usage: npm run audit:witness -- URL [--key VERIFIER_KEY] [--state FILE]

  URL            the API's base URL, e.g. https://credit-bank.example.edu
  --key          the log's verifier key as GET /v1/audit/keys lists it
                 (<name>+<key id>+<base64 key>); or AUDIT_WITNESS_KEY
  --state        where this witness keeps the heads it has seen
                 (default ~/.credit-bank-witness/<host>.json); or AUDIT_WITNESS_STATE

Exit codes: 0 the head is signed and extends the last one seen, 1 the log forked,
rewrote or shrank its history (or the head is not signed by the key), 2 could not check.
`;

/** `npm run audit:witness -- URL`: one check, for cron or a CI job of someone outside the school. */
export async function runWitnessCommand(
  args: readonly string[],
  env: Env,
): Promise<WitnessOutcome> {
  let url: string | undefined;
  let keyText = env.AUDIT_WITNESS_KEY?.trim();
  let statePath = env.AUDIT_WITNESS_STATE?.trim();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--key' || arg === '--state') {
      const value = args[++i];
      if (!value) return usage(`${arg} needs a value`);
      if (arg === '--key') keyText = value;
      else statePath = value;
    } else if (arg.startsWith('-')) {
      return usage(`unknown option ${arg}`);
    } else if (url === undefined) {
      url = arg;
    } else {
      return usage(`one URL only (got ${url} and ${arg})`);
    }
  }
  if (!url || !/^https?:\/\//.test(url)) return usage('give the API URL (http:// or https://)');
  if (!keyText) return usage('pin the log key with --key or AUDIT_WITNESS_KEY');
  let key;
  try {
    key = parseVerifierKey(keyText);
  } catch (error) {
    if (error instanceof SignedNoteError) return usage(error.message);
    throw error;
  }
  const host = new URL(url).host.replace(/[^A-Za-z0-9.-]/g, '_');
  return witnessOnce({
    url,
    key,
    keyText: keyText.trim(),
    statePath: resolve(statePath ?? join(homedir(), '.credit-bank-witness', `${host}.json`)),
  });
}

function usage(problem: string): WitnessOutcome {
  return { exitCode: 2, message: `${problem}\n\n${WITNESS_USAGE}` };
}
