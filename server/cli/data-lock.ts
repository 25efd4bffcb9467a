import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * `serve` holds `<dir>/server.pid`; the admin commands refuse while a live server holds it.
 */
export function acquireDataLock(dir: string): (() => void) | string {
  const busy = checkDataUnlocked(dir);
  if (busy) return busy;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'server.pid');
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

/** A message when a live server process holds `dir`, otherwise `undefined`. */
export function checkDataUnlocked(dir: string): string | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'server.pid'), 'utf8').trim());
  } catch {
    return undefined; // no lock file: nobody serves this folder
  }
  if (!Number.isInteger(pid) || pid === process.pid || !alive(pid)) return undefined;
  return `a pipeline store server (pid ${pid}) is using ${dir}; stop it first (PGlite allows one process per data folder), or use PostgreSQL via DATABASE_URL`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
