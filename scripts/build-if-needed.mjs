// Runs `tsc` before `npm start` when dist/ is missing or older than any file in src/.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

const entry = 'dist/main.js';
if (!existsSync(entry) || statSync(entry).mtimeMs < newestMtime('src')) {
  process.stdout.write('building dist/ (tsc)...\n');
  execSync('npm run build --silent', { stdio: 'inherit' });
}
