#!/usr/bin/env bash
# Starts MailDev (test/maildev, an SMTP capture server from npm) on loopback ports for the email tests and prints, on
# one line, the SMTP address and the web API's URL. Idempotent: a MailDev already answering on the web port is reused.
#   usage: eng/maildev.sh [smtp-port] [web-port]   ->   127.0.0.1:56025 http://127.0.0.1:56080
set -euo pipefail
cd "$(dirname "$0")/.."
smtp=${1:-56025}
web=${2:-56080}
dir=test/maildev
if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
  echo "Installing MailDev's npm packages" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
if ! curl -fsS "http://127.0.0.1:$web/api/healthz" >/dev/null 2>&1; then
  log=${TMPDIR:-/tmp}/headwater-maildev-$web.log
  nohup "$dir/node_modules/.bin/maildev" --ip 127.0.0.1 --smtp "$smtp" --web-ip 127.0.0.1 --web "$web" \
    >"$log" 2>&1 </dev/null &
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$web/api/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$web/api/healthz" >/dev/null || { echo "MailDev did not start; see $log" >&2; exit 1; }
fi
echo "127.0.0.1:$smtp http://127.0.0.1:$web"
