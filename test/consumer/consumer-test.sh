#!/usr/bin/env bash
# Packed-tarball consumer test (npm run test:consumer; needs `npm run build` first).
# 1. `npm pack` and check that the tarball holds ONLY dist/ (.js + .d.ts, no specs), package.json,
#    README.md (and LICENSE if present).
# 2. Create a fresh Nest 11 app in a temp folder, really install the tarball there (a copy, not a link:
#    a linked copy would load a second @nestjs/core) with the peers at the versions of our package-lock.
# 3. Type-check the app against the published .d.ts, boot it with ConduitModule.forRoot pointing an
#    OpenAI model at a local HTTP server on 127.0.0.1, make one ChatService.chat call through a real
#    HTTP route and check the answer; check that `nestjs-conduit/testing` loads (test/consumer/app/main.ts).
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
for required in package.json README.md dist/index.js dist/index.d.ts dist/testing/index.js dist/testing/index.d.ts; do
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
# What `nest new` gives an app, at our lock's versions (@nestjs/testing too: every Nest app has it as
# a devDependency, and the .d.ts of nestjs-conduit/testing refer to its types).
PEERS=()
for pkg in @nestjs/common @nestjs/core @nestjs/platform-express @nestjs/testing reflect-metadata \
  rxjs class-validator class-transformer @types/node; do
  PEERS+=("$pkg@$(lock_version "$pkg")")
done

APP="$WORK/app"
mkdir -p "$APP"
cp test/consumer/app/main.ts "$APP/main.ts"
cat >"$APP/package.json" <<'JSON'
{ "name": "conduit-consumer-app", "version": "1.0.0", "private": true, "type": "commonjs" }
JSON
cat >"$APP/tsconfig.json" <<'JSON'
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
  "files": ["main.ts"]
}
JSON

echo "==> npm install (tarball + ${PEERS[*]})"
(cd "$APP" && npm install --prefer-offline --no-audit --no-fund --loglevel=error "$TARBALL" "${PEERS[@]}") \
  || fail "npm install in the consumer app failed"

[[ -d "$APP/node_modules/nestjs-conduit" && ! -L "$APP/node_modules/nestjs-conduit" ]] \
  || fail "nestjs-conduit is not a real copy in the consumer app's node_modules"
cores="$(find "$APP/node_modules" -path '*/@nestjs/core/package.json' | wc -l)"
[[ "$cores" == 1 ]] || fail "expected one @nestjs/core in the consumer app, found $cores"
echo "    installed nestjs-conduit $(node -p "require('$APP/node_modules/nestjs-conduit/package.json').version") with @nestjs/core $(node -p "require('$APP/node_modules/@nestjs/core/package.json').version")"

echo "==> the exports map hides internals"
(cd "$APP" && node -e "
  try { require('nestjs-conduit/dist/index.js'); } catch (e) {
    if (e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') process.exit(0);
    throw e;
  }
  console.error('a deep import of nestjs-conduit/dist/index.js should be refused');
  process.exit(1);") || fail "the exports map lets deep imports through"

echo "==> type-checking and compiling the consumer app against the published typings"
(cd "$APP" && "$REPO/node_modules/.bin/tsc" -p tsconfig.json) || fail "the consumer app does not compile"

echo "==> running the consumer app"
(cd "$APP" && node dist/main.js </dev/null) || fail "the consumer app failed"
echo "consumer test passed"
