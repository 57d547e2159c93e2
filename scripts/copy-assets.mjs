// tsc does not copy non-TS files; the runtime reads lexicons from <root>/lexicon, so nothing to copy yet.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
