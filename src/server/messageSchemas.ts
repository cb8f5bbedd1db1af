// The params of the standard LSP messages this server handles, as JSON Schemas: only the fields
// it reads, each with the type it relies on (extra fields are allowed, as LSP adds them over
// time). Sourcemark's own requests and commands have theirs in shared/protocol.ts.
import { Type, type TSchema } from '@sinclair/typebox';
import { FileUri, InitializationOptionsSchema, MAX_URI_LENGTH, REQUEST_PARAMS } from '../shared/protocol';

const UInteger = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 });
const Integer = Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 });
/** Any URI vscode-uri can parse (workspace folders of other schemes are allowed, and ignored). */
const AnyUri = Type.String({ format: 'parsable-uri', maxLength: MAX_URI_LENGTH });
const Position = Type.Object({ line: UInteger, character: UInteger });
const Range = Type.Object({ start: Position, end: Position });
const TextDocument = Type.Object({ textDocument: Type.Object({ uri: FileUri }) });
const AtPosition = Type.Object({ textDocument: Type.Object({ uri: FileUri }), position: Position });
const Folder = Type.Object({ uri: AnyUri, name: Type.String() });
const Diagnostic = Type.Object({
  range: Range,
  message: Type.String(),
  source: Type.Optional(Type.String()),
  code: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  data: Type.Optional(Type.Unknown()),
});

/** The key of a command's argument schema among the validators (messageValidators.ts); a method's is the method. */
export const commandKey = (command: string) => `command:${command}`;

/** How much the client asks the server to write to its trace log (analysisTrace.ts). */
const TraceValue = Type.Union([Type.Literal('off'), Type.Literal('messages'), Type.Literal('verbose')]);

/**
 * Params schema by method; params left out are checked as `{}`. A method not listed is passed on
 * unchecked: it takes no params (shutdown, exit) or the library answers MethodNotFound.
 */
export const MESSAGE_PARAMS: Record<string, TSchema> = {
  'initialize': Type.Object({
    processId: Type.Union([Integer, Type.Null()]),
    rootUri: Type.Optional(Type.Union([AnyUri, Type.Null()])),
    capabilities: Type.Object({}),
    workspaceFolders: Type.Optional(Type.Union([Type.Array(Folder), Type.Null()])),
    initializationOptions: Type.Optional(Type.Union([InitializationOptionsSchema, Type.Null()])),
    trace: Type.Optional(TraceValue),
  }),
  'initialized': Type.Object({}),
  'textDocument/didOpen': Type.Object({
    textDocument: Type.Object({ uri: FileUri, languageId: Type.String(), version: Integer, text: Type.String() }),
  }),
  'textDocument/didChange': Type.Object({
    textDocument: Type.Object({ uri: FileUri, version: Integer }),
    contentChanges: Type.Array(Type.Union([
      Type.Object({ range: Range, rangeLength: Type.Optional(UInteger), text: Type.String() }),
      // The whole text: with a `range` of any kind, the document library would read it as an edit.
      Type.Object({ text: Type.String() }, { not: { required: ['range'] } }),
    ])),
  }),
  'textDocument/didClose': TextDocument,
  'textDocument/didSave': Type.Object({ textDocument: Type.Object({ uri: FileUri }), text: Type.Optional(Type.String()) }),
  'textDocument/hover': AtPosition,
  'textDocument/definition': AtPosition,
  'textDocument/references': Type.Object({
    textDocument: Type.Object({ uri: FileUri }), position: Position, context: Type.Object({ includeDeclaration: Type.Boolean() }),
  }),
  'textDocument/codeAction': Type.Object({
    textDocument: Type.Object({ uri: FileUri }),
    range: Range,
    context: Type.Object({ diagnostics: Type.Array(Diagnostic), only: Type.Optional(Type.Array(Type.String())) }),
  }),
  'textDocument/documentSymbol': TextDocument,
  'textDocument/codeLens': TextDocument,
  'textDocument/semanticTokens/full': TextDocument,
  'workspace/symbol': Type.Object({ query: Type.String() }),
  'workspace/executeCommand': Type.Object({ command: Type.String(), arguments: Type.Optional(Type.Array(Type.Unknown())) }),
  'workspace/didChangeWatchedFiles': Type.Object({
    changes: Type.Array(Type.Object({ uri: FileUri, type: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]) })),
  }),
  'workspace/didChangeConfiguration': Type.Object({ settings: Type.Optional(Type.Unknown()) }),
  'workspace/didChangeWorkspaceFolders': Type.Object({
    event: Type.Object({ added: Type.Array(Folder), removed: Type.Array(Folder) }),
  }),
  'workspace/didRenameFiles': Type.Object({ files: Type.Array(Type.Object({ oldUri: FileUri, newUri: FileUri })) }),
  '$/cancelRequest': Type.Object({ id: Type.Union([Integer, Type.String()]) }),
  '$/setTrace': Type.Object({ value: TraceValue }),
  ...REQUEST_PARAMS,
};
