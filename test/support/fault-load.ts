/**
 * A steady, bounded load of recorded course credits, as a careful client sends it: every request
 * has its own Idempotency-Key and a unique (learner, course) pair, and a request that got no
 * answer, a 5xx or a 429 is sent again with the SAME key until it gets a 2xx or gives up. What
 * counts afterwards is which requests were acknowledged (2xx) and with which entry.
 */

export interface LoadScene {
  apiUrl: string;
  registrarToken: string;
  learners: readonly string[];
  courses: readonly string[];
  /** Prefix of the Idempotency-Keys: unique per run. */
  runId: string;
}

export interface LoadOptions {
  clients: number;
  /** New requests per second over all clients (retries not counted). */
  ratePerSecond: number;
  requestTimeoutMs: number;
  /** A request is retried for this long after its first attempt, then given up. */
  retryForMs: number;
  retryDelayMs: number;
}

export interface CreditRequest {
  n: number;
  key: string;
  learnerId: string;
  courseId: string;
  score: number;
  /** Date.now() of the first attempt. */
  sentAt: number;
  attempts: number;
  outcome: 'pending' | 'acknowledged' | 'refused' | 'gave-up';
  status?: number;
  entryId?: string;
  /** Date.now() of the 2xx, and when the attempt that got it was sent. */
  acknowledgedAt?: number;
  acknowledgedAttemptSentAt?: number;
  /** The 2xx was a replay of a stored answer (an earlier attempt had committed). */
  replayed?: boolean;
  /** Answers that were not 2xx, and network errors, in order (at most the last 5). */
  failures: string[];
}

/** Request n's (learner, course): unique for n below learners × courses. */
export function creditPair(scene: LoadScene, n: number): { learnerId: string; courseId: string } {
  return {
    learnerId: scene.learners[n % scene.learners.length],
    courseId: scene.courses[Math.floor(n / scene.learners.length)],
  };
}

export function capacity(scene: LoadScene): number {
  return scene.learners.length * scene.courses.length;
}

/**
 * One load phase. Request numbers come from a counter shared by all phases of a run, so that
 * (learner, course) pairs never repeat across phases.
 */
export class CreditLoad {
  readonly requests: CreditRequest[] = [];
  /** Failed attempts by kind (status code, or the network error's code), for the report. */
  readonly failureKinds = new Map<string, number>();
  /** The first failure of each kind, in full (an answer's status and the start of its body). */
  readonly failureSamples = new Map<string, string>();
  private stopping = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly scene: LoadScene,
    private readonly options: LoadOptions,
    private readonly counter: { next: number },
  ) {}

  start(): void {
    const interval = (this.options.clients * 1000) / this.options.ratePerSecond;
    this.loops = Array.from({ length: this.options.clients }, (_, client) =>
      this.loop(interval, client),
    );
  }

  /** Stops sending new requests and waits for those in flight (retries included) to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  /** The first 2xx whose attempt was sent at or after `since` (Date.now()), or null. */
  firstAcknowledgedSince(since: number): number | null {
    const times = this.requests
      .filter(
        (request) =>
          request.acknowledgedAt !== undefined && (request.acknowledgedAttemptSentAt ?? 0) >= since,
      )
      .map((request) => request.acknowledgedAt!);
    return times.length ? Math.min(...times) : null;
  }

  private async loop(interval: number, client: number): Promise<void> {
    // Spread the clients over one interval so the load is steady rather than in bursts.
    await sleep((interval * client) / this.options.clients);
    while (!this.stopping) {
      const n = this.counter.next;
      if (n >= capacity(this.scene)) return;
      this.counter.next += 1;
      const started = Date.now();
      await this.send(n);
      await sleep(Math.max(0, started + interval - Date.now()));
    }
  }

  private note(request: CreditRequest, kind: string, failure: string): void {
    this.failureKinds.set(kind, (this.failureKinds.get(kind) ?? 0) + 1);
    if (!this.failureSamples.has(kind)) this.failureSamples.set(kind, failure);
    request.failures.push(failure);
    if (request.failures.length > 5) request.failures.shift();
  }

  private async send(n: number): Promise<void> {
    const pair = creditPair(this.scene, n);
    // Every third result fails the course: failing results have no uniqueness guard in the
    // database, so only the Idempotency-Key stands between a retry and a second row.
    const score = n % 3 === 0 ? 40 + (n % 20) : 60 + (n % 40);
    const request: CreditRequest = {
      n,
      key: `${this.scene.runId}-${n}`,
      ...pair,
      score,
      sentAt: Date.now(),
      attempts: 0,
      outcome: 'pending',
      failures: [],
    };
    this.requests.push(request);
    const body = JSON.stringify({
      courseId: pair.courseId,
      term: '2025-2026-1',
      score,
      completedAt: '2025-01-10',
    });
    for (;;) {
      request.attempts += 1;
      const attemptSentAt = Date.now();
      let retry: boolean;
      try {
        const response = await fetch(
          `${this.scene.apiUrl}/v1/learners/${pair.learnerId}/course-credits`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${this.scene.registrarToken}`,
              'content-type': 'application/json',
              'idempotency-key': request.key,
            },
            body,
            signal: AbortSignal.timeout(this.options.requestTimeoutMs),
          },
        );
        const text = await response.text();
        request.status = response.status;
        if (response.status >= 200 && response.status < 300) {
          request.outcome = 'acknowledged';
          request.entryId = (JSON.parse(text) as { id?: string }).id;
          request.acknowledgedAt = Date.now();
          request.acknowledgedAttemptSentAt = attemptSentAt;
          request.replayed = response.headers.get('idempotent-replayed') === 'true';
          return;
        }
        this.note(request, String(response.status), `${response.status} ${text.slice(0, 160)}`);
        retry = response.status >= 500 || response.status === 429;
      } catch (error) {
        this.note(request, describe(error), describe(error));
        retry = true;
      }
      if (!retry) {
        request.outcome = 'refused';
        return;
      }
      if (Date.now() - request.sentAt > this.options.retryForMs) {
        request.outcome = 'gave-up';
        return;
      }
      await sleep(this.options.retryDelayMs);
    }
  }
}

/** The network error's code (ECONNREFUSED…) or name (TimeoutError); duck-typed, as Jest's realm has its own Error. */
function describe(error: unknown): string {
  const failure = error as { name?: string; cause?: { code?: string; message?: string } } | null;
  return failure?.cause?.code ?? failure?.cause?.message ?? failure?.name ?? String(error);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
