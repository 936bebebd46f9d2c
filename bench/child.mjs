// Run `node <args>` as a child, optionally feeding it a JSON request on stdin, and resolve with
// the JSON it writes to stdout (reject with its first stderr lines if it fails).
import { spawn } from 'node:child_process';

export function runNodeJson(args, request, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: [request === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${label} exited with ${code}: ${err.trim().split('\n').slice(0, 3).join(' / ')}`));
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(new Error(`${label} wrote no JSON: ${error.message}`));
      }
    });
    if (request !== undefined) child.stdin.end(JSON.stringify(request));
  });
}
