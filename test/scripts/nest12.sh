#!/usr/bin/env bash
# Runs the whole Jest suite once on Nest 12 (npm run test:nest12) WITHOUT touching this working
# tree's node_modules: the repo's files (tracked + untracked, not ignored) are copied into a temp
# folder with ../shared beside it (the fixtures), installed with `npm ci --prefer-offline`, then the
# Nest packages are swapped for 12.x with `npm i --no-save`, and Jest runs there.
# Jest's JSON results go to .artifacts/jest-nest12.json of this repo (read by .ci/run).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
fail() { printf '\nNEST 12 RUN FAILED: %s\n' "$*" >&2; exit 1; }

# @nestjs/testing 12 lags the other packages (12.1.x while core is 12.5.x); `^12` takes the newest
# of each, which works together (testing 12.1 peers on core/common ^12.0.0).
NEST12_PACKAGES=(
  "@nestjs/common@${NEST12_COMMON:-^12}"
  "@nestjs/core@${NEST12_CORE:-^12}"
  "@nestjs/testing@${NEST12_TESTING:-^12}"
  "@nestjs/platform-express@${NEST12_PLATFORM_EXPRESS:-^12}"
  # The transports of issue 21 (test/transports/): every Nest package a spec loads must be 12.x,
  # or a 11.x adapter would run against core 12 and the run would not test Nest 12 at all.
  "@nestjs/platform-fastify@${NEST12_PLATFORM_FASTIFY:-^12}"
  "@nestjs/websockets@${NEST12_WEBSOCKETS:-^12}"
  "@nestjs/platform-socket.io@${NEST12_PLATFORM_SOCKET_IO:-^12}"
  "@nestjs/platform-ws@${NEST12_PLATFORM_WS:-^12}"
  "@nestjs/microservices@${NEST12_MICROSERVICES:-^12}"
  # GraphQL follows its own majors: 13.x is for Nest 11, 14.x for Nest 12.
  "@nestjs/graphql@${NEST12_GRAPHQL:-^14}"
  "@nestjs/apollo@${NEST12_APOLLO:-^14}"
)

SHARED="$(cd "$REPO/../shared" 2>/dev/null && pwd)" || fail "../shared (the fixtures) is missing beside $REPO"
WORK="$(mktemp -d -t conduit-nest12-XXXXXX)"
if [[ -z "${KEEP_NEST12_DIR:-}" ]]; then
  trap 'rm -rf "$WORK"' EXIT
else
  echo "keeping $WORK"
fi
COPY="$WORK/repo"
mkdir -p "$COPY" "$REPO/.artifacts"
ln -s "$SHARED" "$WORK/shared"

echo "==> copying the repo (git ls-files, no node_modules) to $COPY"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$COPY"

cd "$COPY"
echo "==> npm ci --prefer-offline"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error || fail "npm ci failed"
echo "==> npm i --no-save ${NEST12_PACKAGES[*]}"
# --legacy-peer-deps: npm's resolver gives up (ERESOLVE) on swapping @nestjs/graphql 13 -> 14 and
# @nestjs/apollo 13 -> 14 together with the Nest 12 core even though every peer range is met; the
# peers are all installed already by `npm ci`, and the version checks below catch a wrong swap.
npm i --no-save --legacy-peer-deps --prefer-offline --no-audit --no-fund --loglevel=error "${NEST12_PACKAGES[@]}" \
  || fail "installing Nest 12 failed"

version() { node -e "console.log(JSON.parse(require('fs').readFileSync('node_modules/$1/package.json','utf8')).version)"; }
versions=""
for pkg in @nestjs/common @nestjs/core @nestjs/testing @nestjs/platform-express \
  @nestjs/platform-fastify @nestjs/websockets @nestjs/platform-socket.io @nestjs/platform-ws \
  @nestjs/microservices; do
  v="$(version "$pkg")"
  [[ "$v" == 12.* ]] || fail "$pkg is $v, not 12.x"
  versions+="$pkg@$v "
done
for pkg in @nestjs/graphql @nestjs/apollo; do
  v="$(version "$pkg")"
  [[ "$v" == 14.* ]] || fail "$pkg is $v, not 14.x (the line for Nest 12)"
  versions+="$pkg@$v "
done
echo "==> running Jest on Nest 12: $versions"

status=0
npx jest --ci --json --outputFile="$REPO/.artifacts/jest-nest12.json" || status=$?
echo "==> Nest 12 versions that ran: $versions"
[[ "$status" == 0 ]] || fail "Jest failed on Nest 12 (exit $status)"
echo "the Jest suite passed on Nest 12"
