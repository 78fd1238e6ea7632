#!/usr/bin/env bash
# Provisions a throwaway Active Directory domain with Samba's AD domain controller (Debian's samba-ad-dc, samba,
# winbind and ldap-utils, installed if missing; the Debian services themselves are never started) and runs it on
# 127.0.0.1 with only its LDAP services, on AD's standard ports 389 and 636 (Samba cannot move them). Prints what
# the tests connect with, as one line of key=value pairs separated by ';':
#   url (LDAPS), bindDn (the domain administrator's UPN), password, baseDn, caFile, profile (active-directory, for
#   headwater demo --ldap)
# The certificate comes from a throwaway CA made here and names 127.0.0.1, so the client checks it. Samba's
# databases are written without fsync (ldb:nosync), which makes adding users several times faster; a crash may lose
# the domain, which is a test's to lose. Idempotent: a domain controller already answering is reused, unless its
# smb.conf lacks ldb:nosync (provisioned by an older version of this script), when it is stopped and provisioned
# again; provisioning takes a few seconds the first time. It logs to samba.log in its directory
# ($HEADWATER_SAMBA_ROOT, else /tmp/headwater-samba-ad).
#   usage: eng/samba-ad.sh
set -euo pipefail
root=${HEADWATER_SAMBA_ROOT:-/tmp/headwater-samba-ad}
realm=HEADWATER.TEST
domain=HEADWATER
base="DC=headwater,DC=test"
admin="Administrator@headwater.test"
password='Headwater-Test-Admin-1!'

if ! command -v samba-tool >/dev/null 2>&1 || ! command -v ldapsearch >/dev/null 2>&1; then
  echo "Installing Samba's AD domain controller (Debian packages samba-ad-dc samba winbind ldap-utils)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq samba-ad-dc samba winbind ldap-utils >&2
  for service in samba-ad-dc smbd nmbd winbind; do (service "$service" stop || true) >/dev/null 2>&1; done
fi

# Samba has no "who am I" extended operation: a bound read of the domain's root entry shows it is up.
answering() {
  LDAPTLS_CACERT="$root/ca/ca.pem" ldapsearch -x -H ldaps://127.0.0.1:636 -D "$admin" -w "$password" -b "$base" -s base dn \
    >/dev/null 2>&1
}

# Whether the domain's smb.conf turns fsync off (the option provision is given below writes it there).
unsynced() {
  grep -Eqi '^[[:space:]]*ldb:nosync[[:space:]]*=[[:space:]]*(yes|true|1)[[:space:]]*$' "$root/dc/etc/smb.conf" 2>/dev/null
}

if ! answering || ! unsynced; then
  if [ -f "$root/samba.pid" ] && pid=$(cat "$root/samba.pid") && [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    # The ports must be free before the new domain controller binds them.
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || answering || break
      sleep 0.1
    done
  fi
  rm -rf "$root" && mkdir -p "$root"
  "$(dirname "$0")/test-certificate.sh" "$root" "Headwater test AD CA"
  samba-tool domain provision --server-role=dc --dns-backend=NONE --use-rfc2307 --realm="$realm" --domain="$domain" \
    --adminpass="$password" --targetdir="$root/dc" \
    --option="interfaces = lo" --option="bind interfaces only = yes" --option="server services = ldap, cldap" \
    --option="tls enabled = yes" --option="tls keyfile = $root/tls/key.pem" --option="tls certfile = $root/tls/cert.pem" \
    --option="tls cafile = $root/ca/ca.pem" --option="pid directory = $root" --option="ldb:nosync = true" \
    >"$root/provision.log" 2>&1 \
    || { echo "samba-tool domain provision failed; see $root/provision.log" >&2; exit 1; }
  # Tests create and remove many users with random passwords; history and age rules would only get in the way.
  samba-tool domain passwordsettings set -s "$root/dc/etc/smb.conf" --history-length=0 --min-pwd-age=0 >/dev/null 2>&1 || true
  # Debug level 3 logs why each connection ended (a client's unbind, a read error, a timeout), a few lines per write.
  nohup samba -i -d 3 --debug-stdout -s "$root/dc/etc/smb.conf" --no-process-group >"$root/samba.log" 2>&1 &
  echo $! >"$root/samba.pid"
  for _ in $(seq 1 300); do
    answering && break
    sleep 0.2
  done
  answering || { echo "samba did not answer on ldaps://127.0.0.1:636; see $root/samba.log" >&2; exit 1; }
fi
echo "url=ldaps://127.0.0.1:636;bindDn=$admin;password=$password;baseDn=$base;caFile=$root/ca/ca.pem;profile=active-directory"
