// A private PostgreSQL cluster for tests: initdb in a temporary folder, its own port and socket folder, never a system cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivatePostgres {
  /** postgres:// URL of the cluster's `postgres` database over its unix socket. */
  url: string;
  /** A fresh database in the cluster, as a URL. */
  createDatabase(name: string): string;
  stop(): void;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function binDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const found = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'dirname "$(readlink -f "$(command -v initdb)")"'], { encoding: 'utf8' });
  const dir = which.status === 0 ? which.stdout.trim() : '';
  return dir && existsSync(join(dir, 'pg_ctl')) ? dir : null;
}

/** Why PostgreSQL tests cannot run here, or null. In CI they must run: `.ci/run` installs PostgreSQL and pgvector. */
export function postgresUnavailable(): string | null {
  const dir = binDir();
  if (!dir) return 'PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql-15 (see .ci/run) to run the PostgreSQL tests';
  const sharedir = spawnSync(join(dir, 'pg_config'), ['--sharedir'], { encoding: 'utf8' });
  const share = sharedir.status === 0 ? sharedir.stdout.trim() : '/usr/share/postgresql/15';
  if (!existsSync(join(share, 'extension', 'vector.control'))) return `pgvector is not installed in ${share}: build it from ../shared/vendor/pgvector-0.8.1 (see .ci/run)`;
  return null;
}

/** Skip PostgreSQL tests only outside CI; in CI a missing PostgreSQL is a failure. */
export function skipPostgresTests(): boolean {
  const reason = postgresUnavailable();
  if (!reason) return false;
  if (process.env.CI) throw new Error(`CI must run the PostgreSQL tests: ${reason}`);
  console.warn(`Skipping PostgreSQL tests: ${reason}`);
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = binDir();
  if (!dir) throw new Error(postgresUnavailable() ?? 'PostgreSQL not found');
  const root = mkdtempSync(join(tmpdir(), 'report-qa-pg-'));
  const data = join(root, 'data');
  const socket = join(root, 'socket');
  execFileSync('mkdir', ['-p', socket]);
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: the cluster then belongs to the unprivileged `nobody`-like user postgres.
  const run = (command: string, args: string[]) => {
    if (!asRoot) return execFileSync(join(dir, command), args, { stdio: 'pipe' });
    execFileSync('chown', ['-R', 'postgres', root]);
    return execFileSync('runuser', ['-u', 'postgres', '--', join(dir, command), ...args], { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  writeFileSync(
    join(data, 'postgresql.auto.conf'),
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${socket}'`, 'fsync = off', 'max_connections = 60', 'shared_buffers = 64MB', ''].join('\n'),
  );
  if (asRoot) execFileSync('chown', ['-R', 'postgres', root]);
  run('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    createDatabase(name) {
      run('psql', ['-h', socket, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-qc', `CREATE DATABASE "${name}"`]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
