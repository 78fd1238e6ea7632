#!/usr/bin/env bash
# Starts a throwaway OpenLDAP slapd on loopback ports for the tests (Debian's slapd and ldap-utils, installed if
# missing; the Debian service itself is never started) and prints what the tests connect with, as one line of
# key=value pairs separated by ';':
#   url (LDAPS), startTlsUrl (plain port for StartTLS), bindDn, password, baseDn, caFile, adminDn, adminPassword
# (the directory's root account, for tests to seed and read entries without the code under test)
# The server has the ppolicy overlay with a default policy that honours locks (pwdLockout, so pwdAccountLockedTime
# refuses binds), the refint overlay (member and manager DNs follow a moved entry), a certificate from a throwaway CA
# (caFile), and a service account that may write under baseDn but is held to slapd's default size limit of 500 a
# search, so listings must page.
# Idempotent: a server already answering on the ports is reused.
#   usage: eng/slapd.sh [ldap-port] [ldaps-port]
set -euo pipefail
port=${1:-57201}
tls_port=${2:-57202}
root=${HEADWATER_SLAPD_ROOT:-/tmp/headwater-slapd-$port}
suffix="dc=headwater,dc=test"
admin="cn=admin,$suffix"
admin_password=headwater-admin
service="cn=headwater,ou=services,$suffix"
service_password=headwater-test

if ! command -v slapd >/dev/null 2>&1 && [ ! -x /usr/sbin/slapd ] || ! command -v ldapsearch >/dev/null 2>&1; then
  echo "Installing OpenLDAP (Debian packages slapd ldap-utils)" >&2
  # The package's own service must not take port 389 or our configuration: policy-rc.d refuses starts in containers,
  # and the service is stopped below when it started anyway.
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils >&2
  (service slapd stop || true) >/dev/null 2>&1
fi
export PATH=$PATH:/usr/sbin

answering() {
  LDAPTLS_CACERT="$root/ca/ca.pem" ldapwhoami -x -H "ldaps://127.0.0.1:$tls_port" -D "$admin" -w "$admin_password" >/dev/null 2>&1
}

if ! answering; then
  if [ -f "$root/slapd.pid" ]; then
    kill "$(cat "$root/slapd.pid")" 2>/dev/null || true
    sleep 0.5
  fi
  rm -rf "$root" && mkdir -p "$root/db"
  # A CA and a server certificate for 127.0.0.1 and localhost, made fresh with the server.
  "$(dirname "$0")/test-certificate.sh" "$root" "Headwater test CA"
  cat >"$root/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
moduleload refint
pidfile $root/slapd.pid
argsfile $root/slapd.args
TLSCACertificateFile $root/ca/ca.pem
TLSCertificateFile $root/tls/cert.pem
TLSCertificateKeyFile $root/tls/key.pem
# 500 entries per search at most, as slapd's default, but no cap on a paged search's total: listings must page.
sizelimit size.soft=500 size.hard=500 size.prtotal=unlimited

database mdb
suffix "$suffix"
rootdn "$admin"
rootpw $admin_password
directory $root/db
maxsize 1073741824
dbnosync
index objectClass,entryUUID,uid,mail,employeeNumber,cn eq
access to attrs=userPassword by dn.exact="$service" write by anonymous auth by * none
access to dn.subtree="$suffix" by dn.exact="$service" manage by * none
overlay ppolicy
# A policy with lockout: without one, slapd ignores pwdAccountLockedTime and a disabled account still signs in.
ppolicy_default "cn=default,ou=policies,$suffix"
overlay refint
refint_attributes member manager
EOF
  slapd -f "$root/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tls_port/" >"$root/slapd.log" 2>&1
  for _ in $(seq 1 50); do
    answering && break
    sleep 0.2
  done
  answering || { echo "slapd did not start; see $root/slapd.log" >&2; exit 1; }
  LDAPTLS_CACERT="$root/ca/ca.pem" ldapadd -x -H "ldaps://127.0.0.1:$tls_port" -D "$admin" -w "$admin_password" >/dev/null <<EOF
dn: $suffix
objectClass: dcObject
objectClass: organization
o: Headwater tests
dc: headwater

dn: ou=services,$suffix
objectClass: organizationalUnit
ou: services

dn: ou=policies,$suffix
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,$suffix
objectClass: organizationalRole
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdLockout: TRUE

dn: $service
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: headwater
userPassword: $service_password
EOF
fi
echo "url=ldaps://127.0.0.1:$tls_port;startTlsUrl=ldap://127.0.0.1:$port;bindDn=$service;password=$service_password;baseDn=$suffix;caFile=$root/ca/ca.pem;adminDn=$admin;adminPassword=$admin_password"
