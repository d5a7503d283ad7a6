// The process trees lepton starts (a `run` check's shell and everything it spawns), and how they
// are ended on every way out: a timeout, an interrupt, SIGTERM/SIGHUP, a second Ctrl-C, exit.
// A tree is its process group plus, on Linux, every process whose environment carries the tree's
// marker variable: that also finds descendants that left the group (`setsid cmd &`, daemons).
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessTree {
  /** The variable (name=value) to put in the command's environment. */
  readonly marker: { name: string; value: string };
  /** Sends `signal` to every process of the tree; returns how many were found. */
  signal(signal: NodeJS.Signals): number;
  /** Gives the tree its group leader once the command has been spawned. */
  attach(pid: number | undefined): void;
  /** Leaves the set that is ended on exit (the tree is known to be gone). */
  release(): void;
}

const live = new Set<Tree>();
let exitHookInstalled = false;
let counter = 0;

class Tree implements ProcessTree {
  readonly marker: { name: string; value: string };
  private readonly needle: Buffer;
  private pid: number | undefined;

  constructor() {
    const id = `${process.pid}_${++counter}_${Date.now().toString(36)}`;
    this.marker = { name: `LEPTON_TREE_${id}`, value: '1' };
    this.needle = Buffer.from(`${this.marker.name}=`);
  }

  attach(pid: number | undefined): void {
    this.pid = pid;
  }

  signal(signal: NodeJS.Signals): number {
    let found = 0;
    if (this.pid !== undefined) {
      try {
        process.kill(-this.pid, signal);
        found++;
      } catch {
        // The group is gone.
      }
    }
    for (const pid of markedProcesses(this.needle)) {
      try {
        process.kill(pid, signal);
        found++;
      } catch {
        // Gone meanwhile.
      }
    }
    return found;
  }

  release(): void {
    live.delete(this);
  }
}

/** A tree for a command about to start, ended on exit unless released first. */
export function trackProcessTree(): ProcessTree {
  const tree = new Tree();
  live.add(tree);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers run synchronously on every exit (process.exit included): nothing may outlive lepton.
    process.on('exit', killLiveTrees);
  }
  return tree;
}

/** SIGKILLs every tree not yet released. Synchronous: safe in an 'exit' handler. */
export function killLiveTrees(): void {
  for (const tree of live) tree.signal('SIGKILL');
  live.clear();
}

/** Pids of processes (other than this one) whose environment has a variable starting with `needle`. */
function markedProcesses(needle: Buffer): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // Not Linux: the process group is all there is.
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue; // Another user's process, or gone.
    }
    if (hasVariable(environ, needle)) found.push(pid);
  }
  return found;
}

/** True when the NUL-separated environment block has a variable beginning with `needle`. */
function hasVariable(environ: Buffer, needle: Buffer): boolean {
  let index = environ.indexOf(needle);
  while (index !== -1) {
    if (index === 0 || environ[index - 1] === 0) return true;
    index = environ.indexOf(needle, index + 1);
  }
  return false;
}
