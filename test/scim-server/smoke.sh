#!/usr/bin/env bash
# Smoke test for the SCIM test server: start it on a free port, exercise the basics with curl, stop it.
# Usage: ./smoke.sh   (after `npm ci`). Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")"

TOKEN="${SCIM_TOKEN:-headwater-test-token}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [[ -s "$work/body" ]] && { echo "last response body:" >&2; cat "$work/body" >&2; echo >&2; }; exit 1; }
pass() { echo "ok   $*"; }

# --- start -----------------------------------------------------------------------------------
SCIM_TOKEN="$TOKEN" node server.js --port 0 >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 1 300); do
    grep -q '^SCIM_BASE_URL=' "$work/stdout" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/stderr" >&2; fail "server exited during start-up"; }
    sleep 0.1
done
BASE="$(sed -n 's/^SCIM_BASE_URL=//p' "$work/stdout")"
[[ -n "$BASE" ]] || fail "server did not print SCIM_BASE_URL"
grep -qx "SCIM_TOKEN=$TOKEN" "$work/stdout" || fail "server did not print SCIM_TOKEN"
ROOT="${BASE%/scim/v2}"
pass "server listening at $BASE"

# scim METHOD PATH [BODY] -> prints the HTTP status, leaves the body in $work/body
scim() {
    local args=(-s -o "$work/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN")
    [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/scim+json' --data "$3")
    curl "${args[@]}" "$BASE$2"
}
# json EXPR -> evaluates a JavaScript expression over the last body (bound to `b`)
json() { node -e "const b = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log($1)" "$work/body"; }
expect() { [[ "$1" == "$2" ]] || fail "$3: expected $2, got $1"; }

urlencode() { node -e 'console.log(encodeURIComponent(process.argv[1]))' "$1"; }

# --- SCIM flow -------------------------------------------------------------------------------
user_name="smoke.user.$$@example.com"
user='{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "userName":"'"$user_name"'","externalId":"smoke-1","active":true,"name":{"givenName":"Smoke","familyName":"Test"},
       "emails":[{"value":"'"$user_name"'","type":"work","primary":true}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"1001","department":"QA"}}'

expect "$(scim POST /Users "$user")" 201 "POST /Users"
id="$(json b.id)"
[[ -n "$id" && "$id" != undefined ]] || fail "created user has no id"
expect "$(json b.meta.version)" 'W/"1"' "meta.version of the new user"
pass "created user $id"

expect "$(scim GET "/Users?filter=$(urlencode "userName eq \"$user_name\"")")" 200 "GET /Users?filter=userName eq"
expect "$(json b.totalResults)" 1 "totalResults for the userName filter"
expect "$(json 'b.Resources[0].id')" "$id" "id found by userName"
expect "$(scim GET "/Users?filter=$(urlencode 'externalId eq "smoke-1"')")" 200 "GET /Users?filter=externalId eq"
expect "$(json 'b.Resources.map(r => r.id).join()')" "$id" "id found by externalId"
pass "found the user by filter"

patch='{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}'
expect "$(scim PATCH "/Users/$id" "$patch")" 200 "PATCH active=false"
expect "$(json b.active)" false "active after PATCH"
expect "$(scim GET "/Users/$id")" 200 "GET /Users/{id}"
expect "$(json b.active)" false "active read back"
expect "$(json b.meta.version)" 'W/"2"' "meta.version after PATCH"
pass "patched active=false"

expect "$(scim POST /Users "{\"userName\":\"$(tr '[:lower:]' '[:upper:]' <<<"$user_name")\"}")" 409 "POST with a duplicate userName"
expect "$(json b.scimType)" uniqueness "scimType of the duplicate"
pass "duplicate userName answers 409 uniqueness"

expect "$(curl -s -o "$work/body" -w '%{http_code}' "$BASE/Users")" 401 "GET /Users without a token"
expect "$(curl -s -o "$work/body" -w '%{http_code}' -H 'Authorization: Bearer wrong' "$BASE/Users")" 401 "GET /Users with a wrong token"
pass "missing or wrong token answers 401"

expect "$(scim DELETE "/Users/$id")" 204 "DELETE /Users/{id}"
expect "$(scim GET "/Users/$id")" 404 "GET after DELETE"
pass "deleted the user"

expect "$(curl -s -o "$work/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data '{"failNext":1,"retryAfter":3}' "$ROOT/_test/faults")" 200 "POST /_test/faults"
expect "$(curl -s -D "$work/headers" -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/Users")" 429 "throttled request"
grep -qi '^Retry-After: 3' "$work/headers" || fail "429 without Retry-After: 3"
expect "$(scim GET /Users)" 200 "request after the fault"
pass "429 fault with Retry-After"

echo "smoke test passed"
