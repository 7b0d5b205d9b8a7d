#!/usr/bin/env bash
# Start a throw-away Kubernetes control plane (etcd + kube-apiserver) on
# loopback, state and certificates under DIR, and return once /readyz is ok.
#
#   scripts/testbed/start.sh DIR      # builds first if needed (see build.sh)
#   set -a; . DIR/env; set +a         # KUBECONFIG, TESTBED_SERVER, ...
#   scripts/testbed/stop.sh DIR
#
# Only the API server and its datastore run, on purpose: the tests exercise the
# API itself (authentication with ServiceAccount tokens, RBAC, and admission,
# including Pod Security), and no Pod ever runs. So there is no scheduler, no
# kubelet/container runtime and no kube-controller-manager. Consequences a test
# must live with, as in any cluster whose controllers are down:
#   - namespaces get no "default" ServiceAccount and no kube-root-ca.crt
#     ConfigMap: create ServiceAccounts explicitly and name them in pods
#     (the ServiceAccount admission plugin rejects a pod whose SA does not
#     exist, which includes the implicit "default" one);
#   - ServiceAccount tokens come only from the TokenRequest API
#     (`kubectl create token`), which is how modern clusters issue them anyway;
#   - deleted namespaces stay Terminating (the namespace controller finalizes
#     them), and Deployments etc. never get Pods.
# The control plane itself (admission chain, RBAC bootstrap roles, token
# signing, discovery) is the stock kube-apiserver with kubeadm-like flags.
#
# stdout: the env lines (also written to DIR/env). Progress goes to stderr.
# DIR is reused as is on a later start (same certificates and etcd data, new
# ports); use a fresh DIR for a clean cluster.
# Optional environment: TESTBED_BIN_DIR (use these binaries, skip build.sh),
# TESTBED_SA_ISSUER (token issuer and audience), TESTBED_READY_TIMEOUT (s, 60).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

log() { printf '[testbed/start] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 1 && -n "$1" ]] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1"
DIR="$(cd "$1" && pwd -P)"

for tool in openssl curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required (apt-get install -y $tool)"
done

# Issuer of ServiceAccount tokens (the "iss" claim), as in a default cluster.
SA_ISSUER="${TESTBED_SA_ISSUER:-https://kubernetes.default.svc.cluster.local}"
READY_TIMEOUT="${TESTBED_READY_TIMEOUT:-60}"

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

if pid_alive "$DIR/apiserver.pid" || pid_alive "$DIR/etcd.pid"; then
  if [[ -f "$DIR/env" ]] && pid_alive "$DIR/apiserver.pid" && pid_alive "$DIR/etcd.pid"; then
    log "already running in $DIR (stop it with stop.sh to restart)"
    cat "$DIR/env"
    exit 0
  fi
  die "a partial test bed is running in $DIR; run $here/stop.sh $DIR first"
fi

BIN_DIR="${TESTBED_BIN_DIR:-$("$here/build.sh" | tail -n1)}"
[[ -x "$BIN_DIR/kube-apiserver" && -x "$BIN_DIR/etcd" ]] || die "no binaries in $BIN_DIR"

# --- free loopback ports ------------------------------------------------------
# Ask the kernel for ephemeral ports (bind to port 0). Another process could
# grab one before our daemons bind it; the window is tiny and a failed bind
# shows up as a daemon exiting, reported below with its log.
free_ports() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
  else
    # Fallback: random high ports on which nothing accepts a connection.
    local out=() p
    while ((${#out[@]} < $1)); do
      p=$((20000 + RANDOM % 40000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [[ " ${out[*]} " != *" $p "* ]]; then
        out+=("$p")
      fi
    done
    echo "${out[*]}"
  fi
}
read -r ETCD_CLIENT_PORT ETCD_PEER_PORT API_PORT <<<"$(free_ports 3)"
log "ports: kube-apiserver $API_PORT, etcd client $ETCD_CLIENT_PORT, etcd peer $ETCD_PEER_PORT"

# --- certificates ---------------------------------------------------------------
# Generated once per DIR and reused on restart, so kubeconfig credentials and
# already issued tokens stay valid. ECDSA P-256 for TLS (fast to generate);
# RSA 2048 for the ServiceAccount signing key, so tokens are RS256 like on a
# kubeadm cluster.
PKI="$DIR/pki"
mkdir -p "$PKI"

new_ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT EXTENSIONS: key + certificate signed by the test bed CA.
sign() {
  local name="$1" subj="$2" ext="$3"
  new_ec_key "$PKI/$name.key"
  openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile <(printf '%s\n' "$ext") \
    -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr"
}

if [[ ! -s "$PKI/ca.crt" || ! -s "$PKI/apiserver.crt" || ! -s "$PKI/admin.crt" || ! -s "$PKI/sa.key" ]]; then
  log "generating certificates in $PKI"
  (
    umask 077
    new_ec_key "$PKI/ca.key"
    openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=testbed-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out "$PKI/ca.crt"
    # Serving certificate: the loopback names we use plus the in-cluster names
    # a real apiserver certificate carries (10.0.0.1 = first service IP).
    sign apiserver "/CN=kube-apiserver" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
    # Cluster admin: O=system:masters is bound to cluster-admin by bootstrap RBAC.
    sign admin "/O=system:masters/CN=testbed-admin" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI/sa.key" 2>/dev/null
    openssl pkey -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub"
  )
  chmod 644 "$PKI"/*.crt "$PKI/sa.pub"
fi
cp "$PKI/ca.crt" "$DIR/ca.crt"

# --- kubeconfig -------------------------------------------------------------------
# Credentials embedded (not file paths) so the file works from any directory
# and with any client library.
b64() { base64 <"$1" | tr -d '\n'; }
SERVER="https://127.0.0.1:$API_PORT"
(
  umask 077
  cat >"$DIR/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: $SERVER
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: testbed-admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
contexts:
- name: testbed
  context:
    cluster: testbed
    user: testbed-admin
current-context: testbed
EOF
)

# --- daemons ------------------------------------------------------------------------
# Each daemon runs in its own session (setsid) so it outlives this script and
# its terminal; `bash -c 'echo $$ ...; exec ...'` records the daemon's real pid
# even when setsid has to fork.
daemon() {
  local name="$1"; shift
  local runner=(nohup)
  command -v setsid >/dev/null 2>&1 && runner=(setsid nohup)
  # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
  "${runner[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$DIR/$name.pid" "$@" \
    >"$DIR/$name.log" 2>&1 </dev/null &
  # Wait until the pid file is written, so stop.sh can always find the process.
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$DIR/$name.pid" ]] && return 0; sleep 0.1; done
  die "$name did not start (see $DIR/$name.log)"
}

# On any failure from here on, stop what we started and show why.
started=0
on_exit() {
  local rc=$?
  if ((rc != 0 && started)); then
    log "start failed; stopping the partial test bed"
    "$here/stop.sh" "$DIR" >&2 || true
  fi
}
trap on_exit EXIT

fail_with_log() {
  local name="$1" msg="$2"
  log "ERROR: $msg; last lines of $DIR/$name.log:"
  tail -n 40 "$DIR/$name.log" >&2 || true
  exit 1
}

rm -f "$DIR/etcd.pid" "$DIR/apiserver.pid" "$DIR/env"
mkdir -p "$DIR/etcd-data"
chmod 700 "$DIR/etcd-data"
started=1

ETCD_URL="http://127.0.0.1:$ETCD_CLIENT_PORT"
# Plain HTTP on loopback: the datastore is reachable only from this machine and
# is not what the tests look at; TLS here would only add setup time.
# --unsafe-no-fsync: the data is disposable, and fsync dominates write latency.
daemon etcd "$BIN_DIR/etcd" \
  --name=testbed \
  --data-dir="$DIR/etcd-data" \
  --listen-client-urls="$ETCD_URL" \
  --advertise-client-urls="$ETCD_URL" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="testbed=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync \
  --log-level=warn

deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS --max-time 2 "$ETCD_URL/health" 2>/dev/null | grep -q '"health":"true"'; do
  pid_alive "$DIR/etcd.pid" || fail_with_log etcd "etcd exited"
  ((SECONDS < deadline)) || fail_with_log etcd "etcd not healthy after ${READY_TIMEOUT}s"
  sleep 0.2
done
log "etcd healthy at $ETCD_URL"

# Flags follow what kubeadm passes, minus what needs nodes or a front proxy:
#   - Node,RBAC authorization; the admin cert's O=system:masters is cluster-admin;
#   - admission = the compiled-in default set (NamespaceLifecycle,
#     ServiceAccount, PodSecurity, ResourceQuota, webhooks, ...) plus
#     NodeRestriction as kubeadm adds; PodSecurity is named explicitly so the
#     test bed fails loudly if it ever stopped being available, and nothing is
#     disabled;
#   - --allow-privileged=true as on real clusters, so privileged pods are
#     refused by Pod Security admission and not by a blanket API validation;
#   - ServiceAccount tokens signed with sa.key, verified with sa.pub, issuer
#     and audience = SA_ISSUER (what an unconfigured cluster uses);
#   - 10.0.0.0/24 is only a number the Service registry hands out; no traffic;
#   - --endpoint-reconciler-type=none: the apiserver would publish its
#     advertise address as the endpoint of the default/kubernetes Service, and
#     API validation rejects a loopback address there (it logs an error every
#     few seconds); no in-cluster client exists to use it anyway. The Service
#     itself is still created.
daemon apiserver "$BIN_DIR/kube-apiserver" \
  --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 \
  --secure-port="$API_PORT" \
  --cert-dir="$PKI" \
  --tls-cert-file="$PKI/apiserver.crt" \
  --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --etcd-servers="$ETCD_URL" \
  --authorization-mode=Node,RBAC \
  --enable-admission-plugins=NodeRestriction,PodSecurity \
  --allow-privileged=true \
  --service-account-issuer="$SA_ISSUER" \
  --api-audiences="$SA_ISSUER" \
  --service-account-key-file="$PKI/sa.pub" \
  --service-account-signing-key-file="$PKI/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 \
  --endpoint-reconciler-type=none \
  --enable-bootstrap-token-auth=true \
  --profiling=false

log "waiting up to ${READY_TIMEOUT}s for $SERVER/readyz"
until [[ "$(curl -sS --max-time 2 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  "$SERVER/readyz" 2>/dev/null)" == "ok" ]]; do
  pid_alive "$DIR/apiserver.pid" || fail_with_log apiserver "kube-apiserver exited"
  pid_alive "$DIR/etcd.pid" || fail_with_log etcd "etcd exited"
  ((SECONDS < deadline)) || {
    curl -sS --max-time 2 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
      "$SERVER/readyz?verbose" 2>&1 | grep -v '^\[+\]' >&2 || true
    fail_with_log apiserver "kube-apiserver not ready after ${READY_TIMEOUT}s"
  }
  sleep 0.25
done

# Values unquoted when safe, single-quoted otherwise, so the file can be both
# sourced by a shell (`set -a; . DIR/env`) and read by dotenv-style parsers.
env_line() {
  if [[ "$2" =~ ^[A-Za-z0-9_./:@+,=-]*$ ]]; then printf '%s=%s\n' "$1" "$2"
  else printf "%s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; fi
}
{
  env_line KUBECONFIG "$DIR/kubeconfig"
  env_line TESTBED_SERVER "$SERVER"
  env_line TESTBED_CA "$DIR/ca.crt"
  env_line TESTBED_DIR "$DIR"
  env_line TESTBED_ETCD "$ETCD_URL"
  env_line TESTBED_SA_ISSUER "$SA_ISSUER"
  env_line TESTBED_K8S_VERSION "$("$BIN_DIR/kube-apiserver" --version | sed 's/^Kubernetes //')"
  # A kubectl of the server's own version (build.sh makes it), to avoid
  # client/server skew with whatever kubectl is on PATH.
  [[ ! -x "$BIN_DIR/kubectl" ]] || env_line TESTBED_KUBECTL "$BIN_DIR/kubectl"
} >"$DIR/env"

log "ready after ${SECONDS}s: $SERVER (kubeconfig $DIR/kubeconfig)"
cat "$DIR/env"
