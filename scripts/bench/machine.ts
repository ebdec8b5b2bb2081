/** What the figures were measured on, and how busy the machine was with other work meanwhile. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export type Machine = {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  os: string;
};

export function describeMachine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) cpuModel = line.split(":")[1].trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    // no coreutils
  }
  return {
    cpuModel,
    cpus: nproc,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}

export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [a, b, c];
}

/** Busy and total CPU time of the whole machine so far, in seconds (from /proc/stat). */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const total = fields.slice(0, 8).reduce((s, v) => s + v, 0);
    const idle = fields[3] + fields[4];
    const hz = 100;
    return { busy: (total - idle) / hz, total: total / hz };
  } catch {
    return null;
  }
}

/** CPU seconds used by a process so far (from /proc/<pid>/stat; null where there is no /proc). */
function ownCpu(pid: number): { cpu: number; ppid: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces): ppid is 4, utime and stime 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { cpu: (Number(rest[11]) + Number(rest[12])) / 100, ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}

/** CPU seconds so far of each of these processes (those still running). */
export function cpuOfPids(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const p = ownCpu(pid);
    if (p) out.set(pid, p.cpu);
  }
  return out;
}

/**
 * CPU seconds (user + system) of a process and all its living descendants — the server may be a
 * cluster primary whose workers do the work (WEB_CONCURRENCY).
 */
export function processCpu(pid: number): number | null {
  const root = ownCpu(pid);
  if (!root) return null;
  const byParent = new Map<number, Array<{ pid: number; cpu: number }>>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const p = ownCpu(Number(name));
    if (!p) continue;
    const list = byParent.get(p.ppid) ?? [];
    list.push({ pid: Number(name), cpu: p.cpu });
    byParent.set(p.ppid, list);
  }
  let total = root.cpu;
  const queue = [pid];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      total += child.cpu;
      queue.push(child.pid);
    }
  }
  return total;
}

export type CpuShare = {
  seconds: number;
  /** Shares of the machine's total CPU capacity during the interval (0–1). */
  machineBusy: number;
  server: number;
  loadGenerator: number;
  others: number;
};

/**
 * Splits the machine's CPU time during the measurement into the server under test, the load
 * generator (this process: autocannon) and everything else, so a report can say honestly
 * whether other work competed for the cores.
 */
export function startCpuAccounting(serverPid: number): () => CpuShare | null {
  const m0 = machineCpu();
  const s0 = processCpu(serverPid);
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const m1 = machineCpu();
    const s1 = processCpu(serverPid);
    if (!m0 || !m1 || s0 === null || s1 === null) return null;
    const own = process.cpuUsage(own0);
    const capacity = m1.total - m0.total;
    if (capacity <= 0) return null;
    const busy = m1.busy - m0.busy;
    const server = s1 - s0;
    const loadGenerator = (own.user + own.system) / 1e6;
    return {
      seconds: (performance.now() - t0) / 1000,
      machineBusy: busy / capacity,
      server: server / capacity,
      loadGenerator: loadGenerator / capacity,
      others: Math.max(0, busy - server - loadGenerator) / capacity,
    };
  };
}
