/**
 * CPU time a process spent (user + system, from /proc on Linux), so that a run can say how many
 * CPU milliseconds each request cost the API and the worker. Unlike requests per second, this
 * barely moves when other work shares the cores, which makes it the steadier figure for A/B.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Throughput } from './load';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond =
        Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Milliseconds of CPU the process has used so far, or null where /proc is not available. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

/** Runs `work` and adds, per named process, its CPU milliseconds per completed operation. */
export async function withCpu(
  pids: Record<string, number | undefined>,
  work: () => Promise<Throughput>,
): Promise<Throughput> {
  const before = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid)]),
  );
  const result = await work();
  const cpuMsPerOp: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const start = before[name];
    const end = processCpuMs(pid);
    if (start !== null && end !== null && result.count > 0)
      cpuMsPerOp[name] = (end - start) / result.count;
  }
  return { ...result, cpuMsPerOp };
}

export function describeCpu(result: Throughput): string {
  const entries = Object.entries(result.cpuMsPerOp ?? {});
  return entries.length === 0
    ? ''
    : `CPU per request: ${entries.map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(', ')}.`;
}
