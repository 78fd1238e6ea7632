#!/usr/bin/env bash
# Runs every test project. Installs what the tests need and is missing, builds once, runs each test project,
# prints the totals over all of them as "N passed, N failed" and exits non-zero if any test failed.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests need; installed only when missing (PostgreSQL: see eng/postgres.sh).
need_apt=()
for pkg in ca-certificates tzdata curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
# Node.js runs the SCIM test server (test/scim-server) and the webhook receiver (test/webhook-receiver); Debian's
# packages when there is no node at all.
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The admin UI's browser tests drive Debian's chromium through Playwright (its own browser download is not used).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The npm packages of the SCIM test server and of the webhook test receiver (standardwebhooks), when missing or older
# than their package-lock.json.
for node_peer in test/scim-server test/webhook-receiver; do
  if [ ! -d "$node_peer/node_modules" ] || [ "$node_peer/package-lock.json" -nt "$node_peer/node_modules/.package-lock.json" ]; then
    echo "Installing the npm packages of $node_peer"
    (cd "$node_peer" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# axe-core, which the browser tests inject into each page to check its accessibility.
ui_tools=test/ui-tools
if [ ! -d "$ui_tools/node_modules" ] || [ "$ui_tools/package-lock.json" -nt "$ui_tools/node_modules/.package-lock.json" ]; then
  echo "Installing the browser tests' npm packages"
  (cd "$ui_tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Real peers the tests talk to, started on loopback ports: PostgreSQL, MailDev (an SMTP capture server from npm,
# test/maildev) whose API the email tests read the captured messages back through.
HEADWATER_TEST_POSTGRES=$(eng/postgres.sh 55432)
maildev=$(eng/maildev.sh 56025 56080)
read -r HEADWATER_TEST_SMTP HEADWATER_TEST_MAILDEV <<<"$maildev"
# OpenLDAP slapd for the LDAP destination's tests: LDAPS and StartTLS with a throwaway CA, ppolicy and refint.
HEADWATER_TEST_LDAP=$(eng/slapd.sh 57201 57202)
# Samba's Active Directory domain controller for the active-directory profile, on 127.0.0.1:389/636 (provisioned once).
HEADWATER_TEST_AD=$(eng/samba-ad.sh)
export HEADWATER_TEST_POSTGRES HEADWATER_TEST_SMTP HEADWATER_TEST_MAILDEV HEADWATER_TEST_LDAP HEADWATER_TEST_AD

dotnet build Headwater.slnx -c Release --nologo -v quiet

results=artifacts/test-results
rm -rf "$results" && mkdir -p "$results"
status=0
for project in test/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0 failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
if [ "$failed" -gt 0 ]; then
  # The failed tests again, by name with the first lines of their messages, where the end of a long log shows them.
  echo "Failed tests:"
  awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
         print "  " name; lines = 0; next }
       name != "" && /<Message>/ { lines = 3 }
       lines > 0 { last = /<\/Message>/; sub(/^[ \t]*(<Message>)?/, ""); sub(/<\/Message>.*/, ""); print "    " substr($0, 1, 200)
                   lines = last ? 0 : lines - 1 }
       /<\/UnitTestResult>/ { name = ""; lines = 0 }' "$results"/*.trx
  # Samba's AD domain controller has closed connections under load: the ends of the connections it closed that were
  # not a client's unbind, and any of its workers that stopped.
  samba_log=${HEADWATER_SAMBA_ROOT:-/tmp/headwater-samba-ad}/samba.log
  if [ -f "$samba_log" ]; then
    echo "Samba's connection ends other than unbinds ($samba_log):"
    grep -E "Terminating connection|Child [0-9]+ (exited|terminated)" "$samba_log" | grep -v "NT_STATUS_LOCAL_DISCONNECT" | tail -n 20 \
      | sed 's/^/  /' || true
  fi
  status=1
fi
echo "$passed passed, $failed failed"
exit $status
