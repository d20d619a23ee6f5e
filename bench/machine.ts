// What the figures were measured on.
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  /** 1-minute load average when the run began and when it ended: other work on the machine skews the figures */
  loadAverage: { start: number; beforeLoads?: number; end?: number };
}

export function describeMachine(postgres: string, loadAtStart: number): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres,
    loadAverage: { start: loadAtStart },
  };
}

export const oneMinuteLoad = (): number => Math.round(loadavg()[0] * 100) / 100;
