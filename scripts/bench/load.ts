/**
 * A small load driver (used when autocannon is not installed): `concurrency` clients on
 * keep-alive connections, each sending the next request of a fixed mix as soon as its
 * previous answer arrives, for `durationMs`. Runs in its own process so it does not share
 * the server's event loop. Input: one JSON argument; output: one JSON line.
 */
import http from 'node:http';
import { percentile } from './stats.ts';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadInput {
  url: string;
  concurrency: number;
  durationMs: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Status codes other than 2xx, with how many of each. */
  statuses: Record<string, number>;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

async function run(input: LoadInput): Promise<LoadResult> {
  const base = new URL(input.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + input.durationMs;
  const send = (request: LoadRequest) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        { host: base.hostname, port: base.port, method: request.method, path: request.path, headers: { ...request.headers, ...(request.body ? { 'content-length': Buffer.byteLength(request.body) } : {}) }, agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('error', () => resolve(0));
      if (request.body) req.write(request.body);
      req.end();
    });
  const started = Date.now();
  const client = async () => {
    while (Date.now() < deadline) {
      const request = input.requests[next++ % input.requests.length]!;
      const began = performance.now();
      const status = await send(request);
      latencies.push(performance.now() - began);
      if (status < 200 || status >= 400) {
        errors++;
        statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, client));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: sorted.length, errors, statuses, requestsPerSecond: sorted.length / seconds, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) };
}

if (process.argv[2]) {
  run(JSON.parse(process.argv[2]) as LoadInput)
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
