#!/usr/bin/env bash
# Times adding user accounts to the Samba AD domain controller eng/samba-ad.sh runs, with ldapadd over LDAPS as the
# domain administrator: COUNT users under a fresh OU, sent by JOBS ldapadd processes side by side. Prints the
# machine's load before and after, the time and the rate (docs/benchmarks.md, Samba AD). Removes the OU afterwards.
#   usage: bench/samba-adds.sh [COUNT] [JOBS]
set -euo pipefail
count=${1:-200}
jobs=${2:-1}
line=$("$(dirname "$0")/../eng/samba-ad.sh")
setting() { tr ';' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
url=$(setting url) bind=$(setting bindDn) password=$(setting password) base=$(setting baseDn)
export LDAPTLS_CACERT
LDAPTLS_CACERT=$(setting caFile)
ou="OU=bench-adds,$base"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

remove_ou() {
  ldapsearch -x -LLL -H "$url" -D "$bind" -w "$password" -b "$ou" -s one dn 2>/dev/null | sed -n 's/^dn: //p' \
    | ldapdelete -x -c -H "$url" -D "$bind" -w "$password" >/dev/null 2>&1 || true
  ldapdelete -x -H "$url" -D "$bind" -w "$password" "$ou" >/dev/null 2>&1 || true
}
remove_ou
printf 'dn: %s\nobjectClass: organizationalUnit\nou: bench-adds\n' "$ou" \
  | ldapadd -x -H "$url" -D "$bind" -w "$password" >/dev/null

for ((j = 0; j < jobs; j++)); do : >"$work/part$j.ldif"; done
for ((i = 0; i < count; i++)); do
  printf 'dn: CN=bench%05d,%s\nobjectClass: user\nsAMAccountName: bench%05d\nuserAccountControl: 544\nemployeeID: B%05d\n\n' \
    "$i" "$ou" "$i" "$i" >>"$work/part$((i % jobs)).ldif"
done

echo "load before: $(cat /proc/loadavg)"
start=$(date +%s.%N)
for ((j = 0; j < jobs; j++)); do
  ldapadd -x -H "$url" -D "$bind" -w "$password" -f "$work/part$j.ldif" >/dev/null &
done
wait
end=$(date +%s.%N)
echo "load after: $(cat /proc/loadavg)"
awk -v n="$count" -v j="$jobs" -v s="$start" -v e="$end" \
  'BEGIN { printf "%d users, %d ldapadd process(es): %.1f s, %.1f users/s\n", n, j, e - s, n / (e - s) }'
remove_ou
