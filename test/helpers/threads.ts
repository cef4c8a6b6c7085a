import fs from 'node:fs';

/** A thread of this process's niceness as the kernel schedules it (field 19 of /proc/<pid>/task/<tid>/stat). */
export function nicenessOf(tid: number | string): number {
  const stat = fs.readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
  // Fields after the command name (in parentheses, which may hold spaces): state is field 3.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
}

/** The kernel ids of this process's threads. */
export const threadIds = (): number[] => fs.readdirSync(`/proc/${process.pid}/task`).map(Number);
