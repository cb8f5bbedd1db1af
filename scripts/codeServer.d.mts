// Types for scripts/codeServer.mjs, which plain `node` runs without a build step.
export function ensureCodeServer(options?: { terminal?: boolean }): Promise<string>;
export function terminalInstalled(): boolean;
export function freePort(): Promise<number>;
export function prepareProfile(profileDir: string, vsix: string, extraSettings?: Record<string, unknown>): { userDataDir: string; extensionsDir: string };
export interface RunningCodeServer {
  url: string;
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}
export function startCodeServer(options: { userDataDir: string; extensionsDir: string; folder: string; port: number; log?: (text: string) => void; workspaceTrust?: boolean; env?: Record<string, string> }): Promise<RunningCodeServer>;
