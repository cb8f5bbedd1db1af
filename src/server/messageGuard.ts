// The one boundary every message from the client crosses before any handler sees it. The protocol
// library hands handlers whatever JSON arrived: a `changes: null` or an unparsable URI threw
// inside a handler and ended the process, a tag status "pwned" was written to a sidecar the
// server then refused to read. Here each request's and notification's params, and each
// `sourcemark.*` command's argument, are checked against their schema (messageSchemas.ts,
// shared/protocol.ts; validators in messageValidators.ts): a request with wrong params is answered
// InvalidParams, a notification dropped, and either logged; requests before `initialize` are
// answered ServerNotInitialized.
import type { ErrorObject } from 'ajv';
import { ErrorCodes, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { commandKey } from './messageSchemas';
import { validatorFor } from './messageValidators';

const LOG_WARNING = 2;

export interface Refusal {
  /** JSON-RPC error code a request is answered with. */
  code: number;
  message: string;
}

/** Checks one incoming message; remembers whether `initialize` has been received. */
export class MessageChecker {
  private initialized = false;

  /** What is wrong with the message, or undefined when a handler may have it. */
  check(message: Message): Refusal | undefined {
    const m = message as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof m.method !== 'string') return undefined; // a response: the library matches it to its request or logs it
    const isRequest = m.id !== undefined;
    if (isRequest && typeof m.id !== 'number' && typeof m.id !== 'string') {
      return { code: ErrorCodes.InvalidRequest, message: 'a request id must be a number or a string' };
    }
    if (!this.initialized) {
      if (m.method === 'initialize' && isRequest) {
        const refusal = this.checkParams(m.method, m.params);
        if (!refusal) this.initialized = true;
        return refusal;
      }
      // LSP: requests before initialize are answered -32002, notifications dropped (but exit).
      if (m.method === 'exit') return undefined;
      return { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized yet: ${m.method.slice(0, 100)} must come after the initialize request` };
    }
    return this.checkParams(m.method, m.params);
  }

  private checkParams(method: string, given: unknown): Refusal | undefined {
    const params = given ?? {};
    const refusal = against(method, params, 'params');
    if (refusal || method !== 'workspace/executeCommand') return refusal;
    const { command, arguments: args } = params as { command: string; arguments?: unknown[] };
    return against(commandKey(command), args?.[0] ?? {}, `arguments[0] of ${command.slice(0, 100)}`);
  }
}

function against(key: string, value: unknown, what: string): Refusal | undefined {
  const validate = validatorFor(key);
  if (!validate || validate(value)) return undefined;
  return { code: ErrorCodes.InvalidParams, message: `invalid ${what}: ${errorsText(validate.errors)}` };
}

/** As ajv's errorsText with an empty data variable: the path and the rule, never the value, so hostile text is not echoed back. */
function errorsText(errors: readonly ErrorObject[] | null | undefined): string {
  return errors?.length ? errors.map((e) => `${e.instancePath} ${e.message}`).join(', ') : 'No errors';
}

/**
 * The client's messages through the checker: the ones it refuses never reach the connection. A
 * refused request is answered here; each refusal is logged to the client (window/logMessage).
 */
export function guardReader(reader: MessageReader, writer: MessageWriter, checker = new MessageChecker()): MessageReader {
  const send = (message: object) => void writer.write({ jsonrpc: '2.0', ...message } as Message).catch(() => undefined);
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen: (callback) => reader.listen((message) => {
      const m = message as { id?: unknown; method?: unknown };
      if (m === null || typeof m !== 'object' || Array.isArray(m)) {
        send({ method: 'window/logMessage', params: { type: LOG_WARNING, message: 'Sourcemark ignored a message that is not a JSON object.' } });
        return;
      }
      const refusal = checker.check(message);
      if (!refusal) return callback(message);
      const method = String(m.method).slice(0, 100);
      if (m.id !== undefined) {
        const id = typeof m.id === 'number' || typeof m.id === 'string' ? m.id : null;
        send({ id, error: refusal });
      }
      if (refusal.code !== ErrorCodes.ServerNotInitialized || m.id === undefined) {
        send({ method: 'window/logMessage', params: { type: LOG_WARNING, message: `Sourcemark refused ${method}${m.id === undefined ? ' (a notification, dropped)' : ''}: ${refusal.message}` } });
      }
    }),
  };
}
