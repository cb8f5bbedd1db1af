import { describe, expect, it } from 'vitest';
import { installCommand, missingPackages, plan, REQUIREMENTS } from '../../scripts/systemPackages.mjs';

describe('the Debian packages npm start and the end-to-end tests need', () => {
  it('counts a pretended-missing package as missing, and only what the purpose needs', () => {
    expect(missingPackages(['start'], new Set(['ripgrep', 'chromium']))).toContain('ripgrep');
    expect(missingPackages(['start'], new Set(['chromium']))).not.toContain('chromium');
    expect(missingPackages(['start', 'e2e'], new Set(['chromium']))).toContain('chromium');
  });

  it('needs no libkrb5-dev: the Kerberos module is not compiled', () => {
    expect(Object.values(REQUIREMENTS).flat().map((r) => r.pkg)).not.toContain('libkrb5-dev');
  });

  it('does nothing when nothing is missing', () => {
    expect(plan([], { asRoot: false, hasApt: true })).toEqual({ action: 'none' });
  });

  it('installs them itself as root with apt-get', () => {
    expect(plan(['ripgrep'], { asRoot: true, hasApt: true })).toEqual({ action: 'install', packages: ['ripgrep'] });
  });

  it('otherwise stops and prints the one command to run', () => {
    const decision = plan(['ripgrep', 'g++'], { asRoot: false, hasApt: true });
    if (decision.action !== 'stop') throw new Error(`expected to stop, got ${decision.action}`);
    expect(decision.message).toContain('sudo apt-get update && sudo apt-get install -y ripgrep g++');
    expect(decision.message).toMatch(/run the same command again/);
  });

  it('names the packages where apt-get is not there', () => {
    const decision = plan(['ripgrep'], { asRoot: true, hasApt: false });
    if (decision.action !== 'stop') throw new Error(`expected to stop, got ${decision.action}`);
    expect(decision.message).toMatch(/ripgrep.*apt-get was not found/);
  });

  it('gives root the command without sudo', () => {
    expect(installCommand(['chromium'], true)).toBe('apt-get update && apt-get install -y chromium');
  });
});
