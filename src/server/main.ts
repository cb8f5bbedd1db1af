#!/usr/bin/env node
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// `sourcemark-lsp --stdio` for any LSP client; the VS Code client uses IPC or stdio the same way.
startServer(createConnection(ProposedFeatures.all));
