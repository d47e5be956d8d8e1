// Runs inside the workbench's extension host (as the extensionTestsPath, so VS Code calls run()):
// a loopback HTTP endpoint through which the benchmark, in another process, runs VS Code commands
// with arguments and gets their results, which the command palette cannot do. The workbench UI
// stays live meanwhile; run() settles (and the extension host exits) when the bench says "exit".
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';

import { BRIDGE_FILE_ENV } from './bridge-env';

interface Call {
  command: string;
  args?: unknown[];
}

export function run(): Promise<void> {
  return new Promise((resolveRun) => {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const reply = (status: number, body: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body ?? null));
        };
        let call: Call;
        try {
          call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Call;
        } catch {
          return reply(400, { error: 'not JSON' });
        }
        if (call.command === '__exit') {
          reply(200, { result: true });
          server.close();
          return resolveRun();
        }
        vscode.commands.executeCommand(call.command, ...(call.args ?? [])).then(
          (result) => reply(200, { result }),
          (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
        );
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const file = process.env[BRIDGE_FILE_ENV];
      if (file) writeFileSync(file, String((server.address() as AddressInfo).port));
    });
  });
}
