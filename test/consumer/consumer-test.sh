#!/usr/bin/env bash
# Packed-tarball consumer test (npm run test:consumer; needs `npm run build` first).
# 1. `npm pack` and check that the tarball holds ONLY dist/ (.js + .d.ts, no specs, no maps),
#    package.json, README.md (and LICENSE if present).
# 2. For each kind of app -- Nest 11 CommonJS (the versions of our package-lock), Nest 12 CommonJS and
#    Nest 12 ESM ("type": "module") -- create a fresh app in a temp folder, really install the tarball
#    there (a copy, not a link: a linked copy would load a second @nestjs/core) with the peers, then
#    type-check and compile test/consumer/app/main.ts against the published .d.ts and run it: it boots
#    ConduitModule.forRoot with an OpenAI model pointed at a local HTTP server on 127.0.0.1, makes
#    one ChatService.chat call through a real HTTP route, checks the answer, and loads
#    `nestjs-conduit/testing`. It serves a @Tool() at /mcp with `nestjs-conduit/mcp` (the official
#    MCP client lists and calls it) and consumes it back as a remote tool; importing
#    `nestjs-conduit` alone must not load the MCP SDK (an optional peer).
#    The Nest 11 CJS app also compiles and runs test/consumer/app/transports.ts: the README's chat and
#    @Sse() stream routes on @nestjs/platform-fastify (fetch) and a socket.io gateway streaming with
#    toWsEvents() (a real socket.io-client), with the lock's versions of those packages.
# 3. In the Nest 11 CJS and Nest 12 ESM apps, the README is checked against the published package:
#    every ```ts block is type-checked, and its `*.spec.ts` blocks
#    run with Jest using the README's own `// jest.config.cjs` block.
# Set CONSUMER_VARIANTS="nest11-cjs" to run fewer kinds, KEEP_CONSUMER_DIR=1 to keep the temp folder.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
fail() { printf '\nCONSUMER TEST FAILED: %s\n' "$*" >&2; exit 1; }

[[ -f dist/index.js && -f dist/testing/index.js ]] || fail "dist/ is not built: run npm run build first"

WORK="$(mktemp -d -t conduit-consumer-XXXXXX)"
if [[ -z "${KEEP_CONSUMER_DIR:-}" ]]; then
  trap 'rm -rf "$WORK"' EXIT
else
  echo "keeping $WORK"
fi
TSC="$REPO/node_modules/.bin/tsc"

echo "==> npm pack"
TARBALL_NAME="$(npm pack --silent --pack-destination "$WORK" | tail -n 1)"
TARBALL="$WORK/$TARBALL_NAME"
[[ -f "$TARBALL" ]] || fail "npm pack did not produce $TARBALL"

echo "==> checking the tarball contents ($TARBALL_NAME)"
tar -tzf "$TARBALL" | sed 's#^package/##' | sort >"$WORK/contents.txt"
bad="$(grep -Ev '^(package\.json|README\.md|LICENSE(\.md|\.txt)?|dist/.+\.js|dist/.+\.d\.ts)$' "$WORK/contents.txt" || true)"
[[ -z "$bad" ]] || fail "unexpected files in the tarball:
$bad"
specs="$(grep -E '\.(spec|e2e-spec|test)\.' "$WORK/contents.txt" || true)"
[[ -z "$specs" ]] || fail "test files in the tarball:
$specs"
for required in package.json README.md dist/index.js dist/index.d.ts dist/testing/index.js dist/testing/index.d.ts dist/mcp/index.js dist/mcp/index.d.ts; do
  grep -qx "$required" "$WORK/contents.txt" || fail "the tarball lacks $required"
done
echo "    $(wc -l <"$WORK/contents.txt") files, all expected"

lock_version() {
  node -e "
    const lock = require(process.argv[1]);
    const entry = lock.packages['node_modules/' + process.argv[2]];
    if (!entry) { console.error('not in package-lock: ' + process.argv[2]); process.exit(1); }
    console.log(entry.version);" "$REPO/package-lock.json" "$1"
}

# The packages `nest new` gives an app (@nestjs/testing too: every Nest app has it as a
# devDependency, and the .d.ts of nestjs-conduit/testing refer to its types).
NEST_PACKAGES=(@nestjs/common @nestjs/core @nestjs/platform-express @nestjs/testing)
OTHER_PEERS=()
for pkg in reflect-metadata rxjs class-validator class-transformer @types/node \
  @modelcontextprotocol/server @modelcontextprotocol/node @modelcontextprotocol/client; do
  OTHER_PEERS+=("$pkg@$(lock_version "$pkg")")
done

# The packages transports.ts needs on top of an app's own (Nest 11 only: the lock's versions).
TRANSPORT_PACKAGES=(@nestjs/platform-fastify @nestjs/websockets @nestjs/platform-socket.io socket.io-client)

# run_variant NAME NEST_RANGE_OR_lock MODULE_TYPE [NESTJS_CONFIG_VERSION: check the README too]
#   [transports: also run transports.ts]
run_variant() {
  local name="$1" nest="$2" type="$3" readme="${4:-}" transports="${5:-}"
  local app="$WORK/$name"
  local packages=("$TARBALL" "${OTHER_PEERS[@]}") pkg
  local files='"main.ts"'
  if [[ -n "$transports" ]]; then
    for pkg in "${TRANSPORT_PACKAGES[@]}"; do packages+=("$pkg@$(lock_version "$pkg")"); done
    files='"main.ts", "transports.ts"'
  fi
  for pkg in "${NEST_PACKAGES[@]}"; do
    if [[ "$nest" == lock ]]; then packages+=("$pkg@$(lock_version "$pkg")"); else packages+=("$pkg@$nest"); fi
  done
  if [[ -n "$readme" ]]; then
    # Only the README blocks need these: ConfigService (forRootAsync; 4.x is Nest 11's, 12.x Nest
    # 12's) and Jest with swc, as the README's Jest section tells users to install.
    packages+=("@nestjs/config@$readme")
    for pkg in jest @swc/core @swc/jest @types/jest; do packages+=("$pkg@$(lock_version "$pkg")"); done
    # The README's upload route (FileInterceptor) needs Express's types, which `nest new` installs;
    # its background-runs block imports nestjs-conduit/queue, whose typings need the optional peers
    # the README tells users to install (bullmq, @nestjs/bullmq).
    packages+=("@types/express@5.0.6")
    for pkg in bullmq @nestjs/bullmq; do packages+=("$pkg@$(lock_version "$pkg")"); done
  fi

  echo
  echo "==> [$name] a fresh $type app in $app"
  mkdir -p "$app"
  cp test/consumer/app/main.ts "$app/main.ts"
  [[ -z "$transports" ]] || cp test/consumer/app/transports.ts "$app/transports.ts"
  cat >"$app/package.json" <<JSON
{ "name": "conduit-consumer-$name", "version": "1.0.0", "private": true, "type": "$type" }
JSON
  cat >"$app/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "strict": true,
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "esModuleInterop": true,
    "skipLibCheck": false,
    "types": ["node"],
    "outDir": "dist"
  },
  "files": [$files]
}
JSON
  echo "==> [$name] npm install ${packages[*]#"$WORK/"}"
  (cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error "${packages[@]}") \
    || fail "[$name] npm install failed"

  [[ -d "$app/node_modules/nestjs-conduit" && ! -L "$app/node_modules/nestjs-conduit" ]] \
    || fail "[$name] nestjs-conduit is not a real copy in node_modules"
  local cores
  cores="$(find "$app/node_modules" -path '*/@nestjs/core/package.json' | wc -l)"
  [[ "$cores" == 1 ]] || fail "[$name] expected one @nestjs/core, found $cores"
  local core_version
  core_version="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$app/node_modules/@nestjs/core/package.json','utf8')).version)")"
  echo "    @nestjs/core $core_version"

  echo "==> [$name] the exports map hides internals"
  (cd "$app" && node --input-type=commonjs -e "
    try { require('nestjs-conduit/dist/index.js'); } catch (e) {
      if (e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') process.exit(0);
      throw e;
    }
    console.error('a deep import of nestjs-conduit/dist/index.js should be refused');
    process.exit(1);") || fail "[$name] the exports map lets deep imports through"

  echo "==> [$name] importing nestjs-conduit does not load the MCP SDK"
  (cd "$app" && node --input-type=commonjs -e "
    require('reflect-metadata');
    require('nestjs-conduit');
    const loaded = Object.keys(require.cache).filter((file) => file.includes('@modelcontextprotocol'));
    if (loaded.length > 0) { console.error(loaded.join('\\n')); process.exit(1); }") \
    || fail "[$name] importing nestjs-conduit loaded the MCP SDK"

  echo "==> [$name] type-checking and compiling the app against the published typings"
  (cd "$app" && "$TSC" -p tsconfig.json) || fail "[$name] the consumer app does not compile"
  echo "==> [$name] running the app"
  (cd "$app" && node dist/main.js </dev/null) || fail "[$name] the consumer app failed"
  if [[ -n "$transports" ]]; then
    echo "==> [$name] Fastify + SSE and a socket.io gateway (transports.ts)"
    (cd "$app" && node dist/transports.js </dev/null) || fail "[$name] the transports app failed"
  fi

  if [[ -n "$readme" ]]; then
    echo "==> [$name] type-checking the README's TypeScript blocks against the published package"
    # A ```ts block whose first line is `// path/file.ts` goes to that path (so blocks can import
    # each other); other ```ts blocks become block-NN.ts; a ```js block only when named
    # (`// jest.config.cjs`).
    node - "$REPO/README.md" "$app/readme" <<'NODE' || fail "[$name] could not extract the README blocks"
const fs = require('node:fs');
const path = require('node:path');

const [readme, out] = process.argv.slice(2);
const blocks = [...fs.readFileSync(readme, 'utf8').matchAll(/^```(ts|js)\n([\s\S]*?)^```$/gm)];
const written = new Set();
blocks.forEach(([, lang, code], index) => {
  const named = /^\/\/ ([\w./-]+\.(?:ts|cjs))\n/.exec(code);
  if (lang === 'js' && !named) return;
  const file = named ? named[1] : `block-${String(index + 1).padStart(2, '0')}.ts`;
  if (written.has(file)) throw new Error(`two README blocks are named ${file}`);
  written.add(file);
  fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  fs.writeFileSync(path.join(out, file), code);
});
if (!written.has('jest.config.cjs')) throw new Error('README.md has no block named jest.config.cjs');
console.log(`    ${written.size} blocks: ${[...written].join(', ')}`);
NODE
    cat >"$app/readme/tsconfig.json" <<'JSON'
{
  "extends": "../tsconfig.json",
  "compilerOptions": { "noEmit": true, "types": ["node", "jest"] },
  "files": [],
  "include": ["**/*.ts"]
}
JSON
    (cd "$app" && "$TSC" -p readme/tsconfig.json) \
      || fail "[$name] a README block does not compile (files in $app/readme)"
    echo "==> [$name] running the README's specs with the README's Jest config"
    (cd "$app/readme" && "$app/node_modules/.bin/jest" --ci --config jest.config.cjs </dev/null) \
      || fail "[$name] the README's specs failed (files in $app/readme)"
  fi
}

VARIANTS="${CONSUMER_VARIANTS:-nest11-cjs nest12-cjs nest12-esm}"
for variant in $VARIANTS; do
  case "$variant" in
    nest11-cjs) run_variant nest11-cjs lock commonjs 4.0.4 transports ;;
    nest12-cjs) run_variant nest12-cjs "${NEST12_RANGE:-^12}" commonjs ;;
    nest12-esm) run_variant nest12-esm "${NEST12_RANGE:-^12}" module 12.0.1 ;;
    *) fail "unknown variant $variant" ;;
  esac
done
echo
echo "consumer test passed ($VARIANTS)"
