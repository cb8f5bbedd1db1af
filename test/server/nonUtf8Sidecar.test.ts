// Issue 15: a note with a byte that is not UTF-8 was rewritten as U+FFFD just by opening its
// source (the fingerprint check saved the sidecar). Opening never rewrites it now: with the same
// fingerprint nothing is written, with a stale one the save is refused and the bytes stay.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { inProcessServer } from './lspTestClient';

const cleanups = cleanupsAfterEach();

describe('a sidecar holding a byte that is not UTF-8', () => {
  for (const fingerprint of ['unchanged', 'stale'] as const) {
    it(`is not rewritten by opening its source (fingerprint ${fingerprint}); the tag and its note still show`, async () => {
      const ws = tempWorkspace();
      cleanups.push(ws.cleanup);
      const file = ws.path(XIAOMI_US);
      const text = read(file);
      const sidecar = `${file}.annotations.json`;

      const first = inProcessServer();
      cleanups.push(() => first.shutdown());
      await first.initialize(ws.dir);
      const uri = await first.open(file, text);
      const claim = (await first.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim))).find((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim)!;
      const start = text.indexOf(coveredText(text, claim));
      const target = { uri, kind: 'claim', start, end: start + coveredText(text, claim).length };
      expect(await first.executeCommand(COMMANDS.tag, [{ ...target, status: 'verified' }])).toEqual({ ok: true });
      expect(await first.executeCommand(COMMANDS.setNote, [{ ...target, note: 'caf#' }])).toEqual({ ok: true });
      await first.shutdown();

      let bytes = readFileSync(sidecar);
      bytes[bytes.indexOf('caf#') + 3] = 0xe9; // Latin-1 é
      if (fingerprint === 'stale') bytes = Buffer.from(bytes.toString('latin1').replace(/"sourceSha256": "[0-9a-f]{64}"/, `"sourceSha256": "${'0'.repeat(64)}"`), 'latin1');
      writeFileSync(sidecar, bytes);

      const second = inProcessServer();
      cleanups.push(() => second.shutdown());
      await second.initialize(ws.dir);
      const again = await second.open(file, text);
      const tagged = await second.waitForDiagnostics(again, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
      expect(tagged.find((x) => x.code === DIAGNOSTIC_CODES.taggedClaim)!.range).toEqual(claim.range);
      // Shutdown waits for the writes under way, the fingerprint check's among them.
      await second.shutdown();
      expect(readFileSync(sidecar)).toEqual(bytes);
    });
  }
});
