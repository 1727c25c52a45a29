#!/usr/bin/env bash
# Smoke test of the README's first command (npm run test:sample; needs `npm run build` first):
# compiles the sample with sample/tsconfig.build.json (which resolves `nestjs-conduit` to ./dist
# through the package's own `exports`, as `npm run start:sample` does), starts it with plain node on
# a free 127.0.0.1 port without any OPENAI_* variable, once on Express and once on Fastify
# (SAMPLE_ADAPTER=fastify), and checks each time that the startup log names the adapter and the
# local demo model, that GET / serves the page, that POST /chat answers and that GET /chat/stream
# sends SSE frames.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
fail() { printf '\nSAMPLE SMOKE TEST FAILED: %s\n' "$*" >&2; [[ -f "${LOG:-}" ]] && cat "$LOG" >&2; exit 1; }

[[ -f dist/index.js ]] || fail "dist/ is not built: run npm run build first"
echo "==> tsc -p sample/tsconfig.build.json"
rm -rf dist-sample
node_modules/.bin/tsc -p sample/tsconfig.build.json || fail "the sample does not compile against dist/"

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "${LOG:-}"' EXIT

# smoke ADAPTER: boots the built sample with SAMPLE_ADAPTER=ADAPTER and checks GET /, POST /chat and
# GET /chat/stream, then stops it.
smoke() {
  local adapter="$1"
  PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});")"
  LOG="$(mktemp -t conduit-sample-XXXXXX.log)"
  echo "==> SAMPLE_ADAPTER=$adapter node dist-sample/main.js on port $PORT"
  env -u OPENAI_API_KEY -u OPENAI_BASE_URL -u OPENAI_MODEL SAMPLE_ADAPTER="$adapter" HOST=127.0.0.1 \
    PORT="$PORT" NO_COLOR=1 node dist-sample/main.js >"$LOG" 2>&1 </dev/null &
  PID=$!
  PIDS+=("$PID")

  for ((i = 0; i < 300; i++)); do
    kill -0 "$PID" 2>/dev/null || fail "the sample ($adapter) exited before listening"
    grep -q 'Listening on' "$LOG" && break
    sleep 0.1
  done
  grep -q 'Listening on' "$LOG" || fail "the sample ($adapter) did not start within 30 s"
  grep -q "($adapter)" "$LOG" || fail "the startup log does not name the $adapter adapter"
  grep -q 'LOCAL DEMO MODEL' "$LOG" || fail "the startup log does not say that the local demo model answers"

  echo "==> GET /, POST /chat and GET /chat/stream ($adapter)"
  node - "$PORT" <<'NODE' || fail "the sample ($adapter) answered wrongly"
const base = `http://127.0.0.1:${process.argv[2]}`;
const check = (ok, what) => { if (!ok) throw new Error(what); };
(async () => {
  const page = await fetch(`${base}/`);
  const html = await page.text();
  check(page.status === 200, `GET /: ${page.status}`);
  check(/^text\/html/.test(page.headers.get('content-type') ?? ''), 'GET / content-type');
  check(html.includes('<title>nestjs-conduit sample</title>'), 'GET / is not the chat page');

  const res = await fetch(`${base}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'smoke test' }),
  });
  const body = await res.json();
  check(res.status === 200, `POST /chat: ${res.status} ${JSON.stringify(body)}`);
  check(body.text === '[local demo model] You said: smoke test', `POST /chat text: ${body.text}`);
  check(body.finishReason === 'stop', `POST /chat finishReason: ${body.finishReason}`);

  const bad = await fetch(`${base}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({}),
  });
  check(bad.status === 400, `POST /chat with no message: ${bad.status}`);

  const stream = await fetch(`${base}/chat/stream?message=smoke%20test`);
  const text = await stream.text();
  check(stream.status === 200, `GET /chat/stream: ${stream.status}`);
  check(/^text\/event-stream/.test(stream.headers.get('content-type') ?? ''), 'SSE content-type');
  check(/^event: start$/m.test(text) && /^event: finish$/m.test(text), `SSE frames: ${text}`);
  console.log(`    POST /chat -> "${body.text}"; GET /chat/stream -> ${text.match(/^event: /gm).length} frames`);
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
NODE
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  rm -f "$LOG"
}

smoke express
smoke fastify
echo "sample smoke test passed"
