// Types for scripts/systemPackages.mjs, which plain `node` runs without a build step.
export interface Requirement { pkg: string; file?: string; command?: string }
export const REQUIREMENTS: Record<'start' | 'e2e', Requirement[]>;
export function missingPackages(purposes: ('start' | 'e2e')[], pretend?: Set<string>): string[];
export function installCommand(packages: string[], asRoot: boolean): string;
export type Plan = { action: 'none' } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string };
export function plan(missing: string[], environment: { asRoot: boolean; hasApt: boolean }): Plan;
export function ensureSystemPackages(purposes: ('start' | 'e2e')[], log?: (line: string) => void): Promise<string[]>;
