#!/usr/bin/env bash
# Makes a throwaway CA and a server certificate from it for 127.0.0.1 and localhost, for a test peer's TLS:
#   DIR/ca/ca.pem (the CA alone in its folder, as libldap's trust directory wants), DIR/tls/cert.pem, DIR/tls/key.pem
#   usage: eng/test-certificate.sh DIR "CA name"
set -euo pipefail
dir=$1
name=${2:-Headwater test CA}
mkdir -p "$dir/ca" "$dir/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$name" -keyout "$dir/ca.key" -out "$dir/ca/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/tls/key.pem" -out "$dir/tls/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$dir/tls/server.ext"
openssl x509 -req -in "$dir/tls/server.csr" -CA "$dir/ca/ca.pem" -CAkey "$dir/ca.key" -CAserial "$dir/ca.srl" -CAcreateserial \
  -days 30 -extfile "$dir/tls/server.ext" -out "$dir/tls/cert.pem" 2>/dev/null
chmod 600 "$dir/tls/key.pem"
