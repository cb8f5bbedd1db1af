import { mkdirSync, rmSync } from 'node:fs';
import { ARTIFACTS } from './session';

/** Screenshots and logs of an earlier run would mislead: start each run with an empty folder. */
export default function setup(): void {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
}
