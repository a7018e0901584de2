/**
 * Reads a V8 .cpuprofile and sums self time by what the code is: HTTP layer, Nest pipeline,
 * validation, auth, SQL driver, ORM, product code, JSON, GC… Time spent in Node's core and V8's
 * built-ins (socket writes, crypto, regexps) is charged to the package that called them, so the
 * table says which layer the time is for; the frame list keeps the frames themselves.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: Array<[string, RegExp]> = [
  [
    'SQL driver (pg, pg-protocol)',
    /node_modules\/(pg|pg-protocol|pg-pool|pg-types|pgpass|postgres-\w+)\//,
  ],
  ['ORM (TypeORM)', /node_modules\/typeorm\//],
  [
    'validation (class-validator, class-transformer)',
    /node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//,
  ],
  [
    'auth (JWT)',
    /node_modules\/(@nestjs\/jwt|jsonwebtoken|jws|jwa|safe-buffer|ecdsa-sig-formatter)\//,
  ],
  [
    'HTTP (Fastify)',
    /node_modules\/(fastify|@fastify\/[\w-]+|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse|fast-querystring|process-warning|abstract-logging|toad-cache|fast-decode-uri-component)\//,
  ],
  [
    'Nest pipeline (router, guards, pipes, interceptors)',
    /node_modules\/(@nestjs\/(core|common|platform-fastify)|rxjs|tslib|reflect-metadata)\//,
  ],
  [
    'logging (pino)',
    /node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|pino-std-serializers|thread-stream|quick-format-unescaped|fast-redact|on-exit-leak-free)\//,
  ],
  [
    'queue client (BullMQ, ioredis)',
    /node_modules\/(bullmq|ioredis|msgpackr|cluster-key-slot|denque|redis-\w+)\//,
  ],
  ['product code (dist/)', /\/dist\/(apps|libs)\//],
  ['other packages', /node_modules\//],
  ['Node core (net, streams, crypto, timers)', /^node:/],
];

function categoryOf(frame: ProfileNode['callFrame']): string {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(program)') return 'V8 / native (program)';
  if (frame.functionName === '(idle)') return 'idle';
  for (const [name, pattern] of CATEGORIES) if (pattern.test(frame.url)) return name;
  if (frame.url === '' && /^(parse|stringify)$/.test(frame.functionName))
    return 'JSON parse / stringify';
  if (frame.url === '') return 'native (V8 built-ins, Node bindings)';
  return 'other';
}

/** Categories that name a layer of the application (not Node or V8 themselves). */
const LAYERS = new Set(
  CATEGORIES.map(([name]) => name).filter((name) => !/^(other packages|Node core)/.test(name)),
);

function layerOf(id: number, byId: Map<number, ProfileNode>, parents: Map<number, number>): string {
  const own = categoryOf(byId.get(id)!.callFrame);
  if (
    LAYERS.has(own) ||
    own === 'garbage collection' ||
    own === 'idle' ||
    own.startsWith('V8 / native')
  )
    return own;
  for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
    const category = categoryOf(byId.get(at)!.callFrame);
    if (LAYERS.has(category)) return category;
  }
  return own;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  categories: Array<{ name: string; ms: number; share: number }>;
  frames: Array<{ name: string; where: string; category: string; ms: number; share: number }>;
}

export function summariseProfile(file: string, topFrames = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
  );
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  // The probe's own work (starting and stopping the profiler) is not the product's.
  const probeOwn = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      if (byId.get(at)!.callFrame.url.includes('bench-probe.cjs')) return true;
    }
    return false;
  };
  const categories = new Map<string, number>();
  const frames = new Map<string, { name: string; where: string; category: string; us: number }>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const category = categoryOf(frame);
    if (probeOwn(id)) continue;
    if (category === 'idle') {
      idleUs += us;
      continue;
    }
    const layer = layerOf(id, byId, parents);
    categories.set(layer, (categories.get(layer) ?? 0) + us);
    const where = frame.url
      ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${frame.lineNumber + 1}`
      : '(native)';
    const key = `${frame.functionName}@${where}@${layer}`;
    const entry = frames.get(key) ?? {
      name: frame.functionName || '(anonymous)',
      where,
      category: layer,
      us: 0,
    };
    entry.us += us;
    frames.set(key, entry);
  }
  const busyUs = [...categories.values()].reduce((sum, us) => sum + us, 0);
  const share = (us: number) => (busyUs === 0 ? 0 : us / busyUs);
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    categories: [...categories.entries()]
      .map(([name, us]) => ({ name, ms: us / 1000, share: share(us) }))
      .sort((a, b) => b.ms - a.ms),
    frames: [...frames.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topFrames)
      .map((frame) => ({ ...frame, ms: frame.us / 1000, share: share(frame.us) })),
  };
}
