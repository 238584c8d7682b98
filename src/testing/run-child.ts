import { type ChildProcess, fork } from 'node:child_process';

/** Starts a TypeScript script in a separate Node process (through tsx), its stdout and stderr piped. */
export function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return fork(script, args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

/** Runs a TypeScript script in a separate Node process (through tsx) and resolves with what it printed. */
export function runChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = startChild(script, args, env);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))));
  });
}
