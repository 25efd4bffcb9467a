/**
 * Child process for the kill test: rewrites one file through writeFileAtomic in a loop until it is
 * killed. Each version is `v<generation>:` + SIZE × "x" + `:end`, so a torn file is easy to spot.
 */
import { writeFileAtomic } from '../../main/workspace/atomic-write.ts';

const [file, sizeText] = process.argv.slice(2);
if (file === undefined || sizeText === undefined) {
  process.stderr.write('usage: atomic-writer-child.ts FILE SIZE\n');
  process.exit(2);
}
const body = 'x'.repeat(Number(sizeText));
let generation = 1;
for (;;) {
  await writeFileAtomic(file, `v${generation}:${body}:end`);
  if (generation === 1) process.stdout.write('ready\n');
  generation++;
}
