import type { Plugin } from 'esbuild';

export const VALIDATOR_MODULES: string[];
export function generatedModule(file: string): Promise<string>;
export function precompiledValidators(): Plugin;
