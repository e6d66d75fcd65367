/**
 * Process-wide guards for the hostile suite: any network attempt is recorded and refused, and
 * every file path read through node:fs is recorded, so tests can assert "no socket opened" and
 * "nothing outside the repository read".
 */
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';

export const networkAttempts: string[] = [];
export const filesRead: string[] = [];

let installed = false;

export function installGuards(): void {
  if (installed) return;
  installed = true;
  const refuse = (what: string) =>
    function refused(this: unknown, ...args: unknown[]): never {
      networkAttempts.push(`${what} ${JSON.stringify(args[0] ?? '').slice(0, 80)}`);
      throw new Error(`network access refused in tests: ${what}`);
    };
  net.Socket.prototype.connect = refuse('net.Socket.connect') as typeof net.Socket.prototype.connect;
  (net as { connect: unknown }).connect = refuse('net.connect');
  (net as { createConnection: unknown }).createConnection = refuse('net.createConnection');
  (dns as { lookup: unknown }).lookup = refuse('dns.lookup');
  (http as { request: unknown }).request = refuse('http.request');
  (http as { get: unknown }).get = refuse('http.get');
  (https as { request: unknown }).request = refuse('https.request');
  (https as { get: unknown }).get = refuse('https.get');
  globalThis.fetch = refuse('fetch') as typeof fetch;

  const readFileSync = fs.readFileSync;
  fs.readFileSync = function recordingReadFileSync(this: unknown, path: fs.PathOrFileDescriptor, ...rest: unknown[]) {
    if (typeof path === 'string') filesRead.push(path);
    return (readFileSync as (...a: unknown[]) => unknown).call(fs, path, ...rest);
  } as typeof fs.readFileSync;
  // Named imports of node builtins (`import { readFileSync } from 'node:fs'`) follow the patch.
  syncBuiltinESMExports();
}
