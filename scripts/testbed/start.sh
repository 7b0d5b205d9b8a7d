#!/usr/bin/env bash
# Start a throw-away single-node Kubernetes cluster, state and certificates
# under DIR, and return once the node is Ready, kube-proxy serves the
# `kubernetes` and `kube-dns` Services, the cluster DNS answers and the
# controllers give namespaces their default ServiceAccount and kube-root-ca.crt.
#
#   scripts/testbed/start.sh DIR [IMAGE_ARCHIVE...]   # builds first if needed (build.sh)
#   set -a; . DIR/env; set +a                         # KUBECONFIG, TESTBED_SERVER, ...
#   scripts/testbed/load-image.sh DIR ARCHIVE...      # more images, into the running node
#   scripts/testbed/stop.sh DIR
#   scripts/testbed/check-clean.sh                    # nothing left behind?
#
# What runs: etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# containerd (runc, CNI bridge), kubelet, kube-proxy (iptables mode) and
# CoreDNS: a real node on which Pods run, from images imported into containerd
# (there is no registry; use imagePullPolicy IfNotPresent or Never and a tag
# that is not :latest).
#
# Cluster DNS as on a kubeadm cluster: pods (dnsPolicy ClusterFirst, the
# default) get nameserver 10.0.0.10, the ClusterIP of the Service
# kube-system/kube-dns, and the search path <namespace>.svc.cluster.local
# svc.cluster.local cluster.local, so `<service>`, `<service>.<namespace>` and
# `<service>.<namespace>.svc.cluster.local` resolve. CoreDNS runs like
# kube-proxy, as a process on the node (in its network namespace, on the node
# IP, port 53), not as a pod: there is no CoreDNS image here, and a process
# needs none. kube-dns has no selector; its EndpointSlice (and Endpoints, for
# older tools) name the node IP, and kube-proxy forwards 10.0.0.10:53 there.
# Pods could be given the node IP as nameserver directly, but the Service is
# what tools and charts look up (kube-system/kube-dns, its ClusterIP), and
# pods see the same resolv.conf as on a real cluster; start.sh returns only
# after kube-proxy has written the Service's rules.
# CoreDNS's `kubernetes` plugin reads the API server with a client
# certificate of its own (system:coredns, allowed to list and watch Services,
# EndpointSlices and Namespaces, nothing else). There is no upstream DNS:
# names outside cluster.local get NXDOMAIN at once, so lookups never hang.
#
# Isolation from the host, which this script never reconfigures:
#   - network: everything runs in a network namespace of its own
#     (DIR/rsj-testbed.netns). The node IP (10.200.0.1) sits on its loopback,
#     pods on a bridge (10.244.0.0/24), Services in 10.0.0.0/24; it has no
#     route anywhere else. kube-proxy's and the CNI plugins' iptables rules
#     live in it. The host reaches the API server through a forwarder on
#     127.0.0.1:<free port> (socat, via a unix socket in DIR).
#   - mounts: containerd, kubelet and kube-proxy share one private mount
#     namespace with a tmpfs on /run, an overlay on /var (writes land in DIR)
#     and the kernel settings kubelet insists on bind-mounted over /proc/sys,
#     so the host's sysctls stay untouched; container mounts never show on
#     the host.
#   - cgroups: pods live under /rsj-testbed-<hash of DIR> in each cgroup v1
#     hierarchy; stop.sh removes it.
# Needs root (namespaces, mounts, cgroups) and the Debian packages that
# node-packages.sh installs.
#
# Images: the pause image (pause-image.sh) and every archive named as an
# argument or in TESTBED_IMAGES (colon-separated) are imported after
# containerd starts. containerd's image store (content and snapshots) is kept
# per machine in ${RSJ_CACHE:-~/.cache/rasa-socketio-jwt}/testbed/containerd-
# <snapshotter>/, so an image already imported with the same digest is not
# imported again (a 300 MB image takes ~6 s to import); only containerd's
# state is per DIR. A second test bed running at the same time gets a private
# store in DIR instead.
#
# stdout: the env lines (also written to DIR/env). Progress goes to stderr.
# DIR is reused as is on a later start (same certificates and etcd data, so
# the same API objects; the node's runtime state starts empty); use a fresh
# DIR for a clean cluster.
# Optional environment: TESTBED_BIN_DIR (use these binaries, skip build.sh),
# TESTBED_SA_ISSUER (token issuer and audience), TESTBED_READY_TIMEOUT (s, 90),
# TESTBED_IMAGES (image archives to import).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/testbed/lib.sh
. "$here/lib.sh"
LOG_TAG=start

[[ $# -ge 1 && -n "$1" ]] || { echo "usage: $0 DIR [IMAGE_ARCHIVE...]" >&2; exit 2; }
mkdir -p "$1"
DIR="$(cd "$1" && pwd -P)"
testbed_paths "$DIR"
shift
images=("$@")
if [[ -n "${TESTBED_IMAGES:-}" ]]; then
  IFS=: read -r -a env_images <<<"$TESTBED_IMAGES"
  images+=("${env_images[@]}")
fi

((EUID == 0)) || die "the test bed needs root (network and mount namespaces, cgroups)"
for tool in openssl curl python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required (apt-get install -y $tool)"
done
"$here/node-packages.sh" --check 2>/dev/null ||
  die "node packages missing; run: bash $here/node-packages.sh"
# The node's private mount namespace replaces /run and overlays /var, so DIR
# must be outside both or the node would not see it.
case "$DIR/" in
  /run/* | /var/*) die "DIR ($DIR) must not be under /run or /var" ;;
esac
# Unix socket paths are limited to 108 bytes; containerd's is the longest.
((${#CONTAINERD_SOCK} < 100)) || die "DIR ($DIR) is too long for a unix socket path; use a shorter one"

SA_ISSUER="${TESTBED_SA_ISSUER:-https://kubernetes.default.svc.cluster.local}"
READY_TIMEOUT="${TESTBED_READY_TIMEOUT:-90}"

if pid_alive "$DIR/apiserver.pid" || pid_alive "$DIR/etcd.pid" || pid_alive "$DIR/kubelet.pid"; then
  if [[ -f "$DIR/env" ]] && all_daemons_alive; then
    log "already running in $DIR (stop it with stop.sh to restart)"
    cat "$DIR/env"
    exit 0
  fi
  die "a partial test bed is running in $DIR; run $here/stop.sh $DIR first"
fi
# Leftovers of a start that was killed half-way (netns, mounts, cgroups).
if [[ -e "$NETNS" || -d "$NODE" ]]; then
  "$here/stop.sh" "$DIR" 2>&1 | sed 's/^/  /' >&2 || true
fi

BIN_DIR="${TESTBED_BIN_DIR:-$("$here/build.sh" | tail -n1)}"
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl coredns; do
  [[ -x "$BIN_DIR/$b" ]] || die "no $b in $BIN_DIR"
done
PAUSE_ARCHIVE="$("$here/pause-image.sh" | tail -n1)"

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

# --- certificates ---------------------------------------------------------------
# Generated once per DIR and reused on restart, so kubeconfig credentials and
# already issued tokens stay valid. ECDSA P-256 for TLS (fast to generate);
# RSA 2048 for the ServiceAccount signing key, so tokens are RS256 like on a
# kubeadm cluster. Each component has its own client certificate, named the
# way bootstrap RBAC and the Node authorizer expect.
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
client_ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
server_ext() {
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
  printf 'extendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$1"
}
# The node IP joined the API server's names when the test bed grew a node;
# certificates of an older DIR lack it and are re-issued.
has_san() { openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null | grep -q "$2"; }

(
  umask 077
  if [[ ! -s "$PKI/ca.crt" || ! -s "$PKI/ca.key" ]]; then
    log "generating certificates in $PKI"
    rm -f "$PKI"/*.crt "$PKI"/*.key
    new_ec_key "$PKI/ca.key"
    openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=testbed-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out "$PKI/ca.crt"
  fi
  # Serving certificate: 127.0.0.1 for the host's forwarder, the node IP for
  # in-node clients and the `kubernetes` Service's endpoint, and the
  # in-cluster names (10.0.0.1 = first Service IP).
  if [[ ! -s "$PKI/apiserver.crt" ]] || ! has_san "$PKI/apiserver.crt" "IP Address:$NODE_IP"; then
    sign apiserver "/CN=kube-apiserver" "$(server_ext "IP:127.0.0.1,DNS:localhost,IP:$NODE_IP,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local")"
  fi
  [[ -s "$PKI/kubelet.crt" ]] ||
    sign kubelet "/CN=$NODE_NAME" "$(server_ext "IP:$NODE_IP,DNS:$NODE_NAME")"
  # Cluster admin and the API server's client identity towards kubelets
  # (logs, exec, port-forward): O=system:masters is bound to cluster-admin.
  [[ -s "$PKI/admin.crt" ]] || sign admin "/O=system:masters/CN=testbed-admin" "$client_ext"
  [[ -s "$PKI/apiserver-kubelet-client.crt" ]] ||
    sign apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" "$client_ext"
  [[ -s "$PKI/controller-manager.crt" ]] ||
    sign controller-manager "/CN=system:kube-controller-manager" "$client_ext"
  [[ -s "$PKI/scheduler.crt" ]] || sign scheduler "/CN=system:kube-scheduler" "$client_ext"
  [[ -s "$PKI/kube-proxy.crt" ]] || sign kube-proxy "/CN=system:kube-proxy" "$client_ext"
  # CoreDNS's identity, bound to the ClusterRole system:coredns below.
  [[ -s "$PKI/coredns.crt" ]] || sign coredns "/CN=system:coredns" "$client_ext"
  [[ -s "$PKI/node.crt" ]] || sign node "/O=system:nodes/CN=system:node:$NODE_NAME" "$client_ext"
  if [[ ! -s "$PKI/sa.key" ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI/sa.key" 2>/dev/null
    openssl pkey -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub"
  fi
)
chmod 644 "$PKI"/*.crt "$PKI/sa.pub"
cp "$PKI/ca.crt" "$DIR/ca.crt"

# --- kubeconfigs --------------------------------------------------------------------
# Credentials embedded (not file paths) so the files work from any directory
# and with any client library.
b64() { base64 <"$1" | tr -d '\n'; }
# kubeconfig FILE SERVER CERT: a kubeconfig for PKI/CERT.{crt,key}.
kubeconfig() {
  (
    umask 077
    cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: $2
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: $3
  user:
    client-certificate-data: $(b64 "$PKI/$3.crt")
    client-key-data: $(b64 "$PKI/$3.key")
contexts:
- name: testbed
  context:
    cluster: testbed
    user: $3
current-context: testbed
EOF
  )
}
API_PORT="$(free_port)"
SERVER="https://127.0.0.1:$API_PORT"
IN_NODE_SERVER="https://$NODE_IP:6443"
CONF="$DIR/conf"
mkdir -p "$CONF"
kubeconfig "$DIR/kubeconfig" "$SERVER" admin
for c in controller-manager scheduler kube-proxy coredns node; do
  kubeconfig "$CONF/$c.kubeconfig" "$IN_NODE_SERVER" "$c"
done

# --- node network namespace ------------------------------------------------------
rm -f "$DIR"/*.pid "$DIR/env" "$API_SOCK"
rm -rf "$NODE"
mkdir -p "$NODE" "$DIR/etcd-data"
chmod 700 "$DIR/etcd-data"
started=1
t_start=$(now_us)

# A named network namespace as a bind mount of its nsfs file in DIR, like
# `ip netns add` does under /run/netns, but without ip's shared /run/netns
# mount, which would outlive the test bed.
touch "$NETNS"
unshare --net="$NETNS" true
in_netns ip link set lo up
in_netns ip addr add "$NODE_IP/32" dev lo
log "network namespace $NETNS (node IP $NODE_IP)"

# --- daemons ------------------------------------------------------------------------
# Each daemon runs in its own session (setsid) so it outlives this script and
# its terminal; `bash -c 'echo $$ ...; exec ...'` records the daemon's real pid
# (nsenter and unshare exec in place, they do not fork). RSJ_TESTBED_DIR marks
# every process of this test bed, including the shims containerd spawns, so
# stop.sh and check-clean.sh can find stragglers.
daemon() {
  local name="$1"; shift
  # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
  RSJ_TESTBED_DIR="$DIR" setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$DIR/$name.pid" "$@" \
    >"$DIR/$name.log" 2>&1 </dev/null &
  # Wait until the pid file is written, so stop.sh can always find the process.
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$DIR/$name.pid" ]] && return 0; sleep 0.1; done
  die "$name did not start (see $DIR/$name.log)"
}

# wait_until WHAT "DAEMON..." CMD...: poll CMD until it succeeds; say what we
# wait for and for how long; fail with the first daemon's log when one of the
# daemons exits or READY_TIMEOUT passes.
wait_until() {
  local what="$1" daemons="$2" t0 next=2 d; shift 2
  t0=$(now_us)
  log "waiting for $what"
  until "$@" >/dev/null 2>&1; do
    for d in $daemons; do pid_alive "$DIR/$d.pid" || fail_with_log "$d" "$d exited while waiting for $what"; done
    if (($(now_us) - t_start > READY_TIMEOUT * 1000000)); then
      fail_with_log "${daemons%% *}" "no $what after $(since "$t0") (TESTBED_READY_TIMEOUT=${READY_TIMEOUT}s)"
    fi
    if (($(now_us) - t0 > next * 1000000)); then
      log "waiting for $what ($(since "$t0"))"
      next=$((next * 2))
    fi
    sleep 0.2
  done
  log "$what after $(since "$t0")"
}

fail_with_log() {
  local name="$1" msg="$2"
  log "ERROR: $msg; last lines of $DIR/$name.log:"
  tail -n 40 "$DIR/$name.log" >&2 || true
  exit 1
}

# The node's private mount namespace, held open by a `sleep` that containerd,
# kubelet and kube-proxy join with nsenter. /run: containerd's shim sockets,
# runc state, CNI's pod netns files and the xtables lock are hardcoded there.
# /var: kubelet's /var/log/containers and libcni's /var/lib/cni cache are
# hardcoded too; the overlay keeps the host's /var visible and catches writes.
# /proc/sys: kubelet sets vm.overcommit_memory, kernel.panic, ... to these
# values unless they already have them, and those are host-wide settings.
mkdir -p "$NODE/var/upper" "$NODE/var/work" "$NODE/sysctl"
sysctls=(vm/overcommit_memory=1 vm/panic_on_oom=0 kernel/panic=10 kernel/panic_on_oops=1
  kernel/keys/root_maxkeys=1000000 kernel/keys/root_maxbytes=25000000)
mount_sysctls=""
for kv in "${sysctls[@]}"; do
  file="$NODE/sysctl/$(tr / . <<<"${kv%%=*}")"
  printf '%s\n' "${kv#*=}" >"$file"
  mount_sysctls+="mount --bind '$file' '/proc/sys/${kv%%=*}'; "
done
# The image store: per machine when free, else private to DIR (see header).
# containerd's overlayfs snapshotter needs overlay mounts on the store's file
# system; try one in a throw-away mount namespace, else use the (slower, but
# universal) native snapshotter. Stores are kept per snapshotter, as images are
# unpacked for one snapshotter only.
overlay_works() {
  local probe
  probe="$(mktemp -d "$1/.overlay-probe.XXXXXX")"
  mkdir "$probe"/{l,u,w,m}
  # shellcheck disable=SC2016
  unshare --mount --propagation private sh -c \
    'mount -t overlay rsj-testbed-probe -o "lowerdir=$1/l,upperdir=$1/u,workdir=$1/w" "$1/m"' \
    probe "$probe" 2>/dev/null
  local rc=$?
  rm -rf "$probe"
  return $rc
}
mkdir -p "$CACHE_ROOT" "$NODE/containerd"
exec 8>"$CACHE_ROOT/containerd.lock"
if flock -n 8; then
  SNAPSHOTTER=native
  overlay_works "$CACHE_ROOT" && SNAPSHOTTER=overlayfs
  CTR_ROOT="$CACHE_ROOT/containerd-$SNAPSHOTTER"
else
  log "the per-machine image store is in use by another test bed; using a private one (images are imported afresh)"
  SNAPSHOTTER=native
  overlay_works "$NODE/containerd" && SNAPSHOTTER=overlayfs
  CTR_ROOT="$NODE/containerd/root"
fi
case "$CTR_ROOT/" in
  /run/* | /var/*) die "containerd's root ($CTR_ROOT) must not be under /run or /var; set RSJ_CACHE elsewhere" ;;
esac
mkdir -p "$CTR_ROOT"
printf '%s\n' "$SNAPSHOTTER" >"$NODE/snapshotter"
# shellcheck disable=SC2016
daemon node-ns nsenter --net="$NETNS" unshare --mount --propagation private bash -c '
  set -e
  mount -t tmpfs -o mode=0755 rsj-testbed-run /run
  mount -t overlay rsj-testbed-var -o "lowerdir=/var,upperdir=$1/var/upper,workdir=$1/var/work" /var
  '"$mount_sysctls"'
  touch "$1/mounted"
  exec sleep infinity' node-ns "$NODE"
wait_until "the node's mount namespace" node-ns test -e "$NODE/mounted"
NODE_NS_PID="$(cat "$DIR/node-ns.pid")"
in_node() { nsenter --target="$NODE_NS_PID" --mount --net -- "$@"; }

# --- etcd ---------------------------------------------------------------------------
# Plain HTTP on the node's loopback: the datastore is reachable only inside the
# node's network namespace; TLS would only add setup time.
# --unsafe-no-fsync: the data is disposable, and fsync dominates write latency.
ETCD_URL="http://127.0.0.1:2379"
daemon etcd nsenter --net="$NETNS" "$BIN_DIR/etcd" \
  --name=testbed \
  --data-dir="$DIR/etcd-data" \
  --listen-client-urls="$ETCD_URL" \
  --advertise-client-urls="$ETCD_URL" \
  --listen-peer-urls="http://127.0.0.1:2380" \
  --initial-advertise-peer-urls="http://127.0.0.1:2380" \
  --initial-cluster="testbed=http://127.0.0.1:2380" \
  --unsafe-no-fsync \
  --log-level=warn
etcd_healthy() { in_netns curl -fsS --max-time 2 "$ETCD_URL/health" | grep -q '"health":"true"'; }
wait_until "etcd healthy" etcd etcd_healthy

# --- kube-apiserver -------------------------------------------------------------------
# Flags follow what kubeadm passes, minus the front proxy:
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
#   - advertised on the node IP, which becomes the endpoint of the
#     `kubernetes` Service (10.0.0.1:443) that pods use;
#   - kubelets reached on their InternalIP (there is no DNS for node names),
#     their serving certificates verified against the test bed CA;
#   - admission webhooks and aggregated APIs called on their pods' IPs
#     (aggregator routing): the node's namespace has routes to the pods but,
#     unlike a node with a default route, none to Service IPs.
daemon apiserver nsenter --net="$NETNS" "$BIN_DIR/kube-apiserver" \
  --bind-address="$NODE_IP" \
  --advertise-address="$NODE_IP" \
  --secure-port=6443 \
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
  --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority="$PKI/ca.crt" \
  --kubelet-preferred-address-types=InternalIP \
  --enable-aggregator-routing=true \
  --enable-bootstrap-token-auth=true \
  --profiling=false

# The host's way in: 127.0.0.1:API_PORT -> unix socket in DIR -> node IP:6443.
# A unix socket is reachable by path from any network namespace, so two plain
# socat relays bridge the namespaces without touching the host's network.
# nodelay on both TCP ends: a relay that sends with Nagle's algorithm holds the
# rest of an answer until the client acknowledges its first part, which Linux
# delays by 40 ms. The first answer on every new connection (each kubectl and
# helm call, the minter) waited that long, which the kube-proxy path pods use
# does not.
daemon forward-node nsenter --net="$NETNS" \
  socat "UNIX-LISTEN:$API_SOCK,fork,unlink-early,mode=600" "TCP:$NODE_IP:6443,nodelay"
daemon forward-host \
  socat "TCP-LISTEN:$API_PORT,bind=127.0.0.1,fork,reuseaddr,nodelay" "UNIX-CONNECT:$API_SOCK"

# --- containerd (while the API server starts) -------------------------------------------
# restrict_oom_score_adj: runc would otherwise fail to set the pods'
# oom_score_adj below its own ("can't get final child's PID"), as this
# machine's root lacks CAP_SYS_RESOURCE.
mkdir -p "$NODE/containerd/state" "$NODE/cni/net.d" "$NODE/cni/ipam"
cat >"$NODE/containerd/config.toml" <<EOF
version = 2
root = "$CTR_ROOT"
state = "$NODE/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "$CONTAINERD_SOCK"

[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE/containerd/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_REF"
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "$SNAPSHOTTER"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE/cni/net.d"
    max_conf_num = 1
EOF
# One bridge for all pods; hairpin so a pod can reach itself through a Service.
cat >"$NODE/cni/net.d/10-testbed.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "testbed",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$POD_CIDR", "gateway": "${POD_CIDR%.*}.1" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "$NODE/cni/ipam"
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
t_containerd=$(now_us)
daemon containerd nsenter --target="$NODE_NS_PID" --mount --net -- \
  containerd --config "$NODE/containerd/config.toml" --log-level warn
wait_until "containerd" containerd ctr --address "$CONTAINERD_SOCK" version

# A persistent image store may still hold containers of a test bed that was
# killed instead of stopped; containerd's CRI plugin has loaded them already,
# so remove them and restart containerd for kubelet to find a clean runtime.
if [[ -n "$(ctr --address "$CONTAINERD_SOCK" -n k8s.io containers ls -q)" ]]; then
  log "removing containers left in $CTR_ROOT by an earlier test bed"
  remove_all_containers
  stop_pid containerd
  daemon containerd nsenter --target="$NODE_NS_PID" --mount --net -- \
    containerd --config "$NODE/containerd/config.toml" --log-level warn
  wait_until "containerd" containerd ctr --address "$CONTAINERD_SOCK" version
fi
"$here/load-image.sh" "$DIR" "$PAUSE_ARCHIVE" ${images[@]+"${images[@]}"}

apiserver_ready() {
  [[ "$(curl -sS --max-time 2 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "$SERVER/readyz" 2>/dev/null)" == "ok" ]]
}
wait_until "kube-apiserver /readyz at $SERVER" "apiserver etcd forward-host forward-node" apiserver_ready
KUBECTL=("$BIN_DIR/kubectl" --kubeconfig "$DIR/kubeconfig")

# --- cluster DNS -----------------------------------------------------------------------------
# The objects of a kubeadm cluster's DNS, minus the Deployment (see the header):
# CoreDNS's ClusterRole, least privilege for the plugin options below (no
# pods: `pods insecure` reads none), bound to its certificate's user; the
# kube-dns Service with kubeadm's labels and ports; its endpoint, the node IP,
# as the EndpointSlice kube-proxy and CoreDNS read and as Endpoints for tools
# that still read those (skip-mirror: the mirroring controller would
# otherwise add a second slice). Applied on every start: the same objects on
# a reused DIR. Retried for a while, in case kube-system is not there yet
# right after /readyz.
cluster_dns_objects() {
  cat <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:coredns
rules:
- apiGroups: [""]
  resources: [services, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system:coredns
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:coredns
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: system:coredns
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
    kubernetes.io/cluster-service: "true"
    kubernetes.io/name: CoreDNS
spec:
  clusterIP: $DNS_IP
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-node
  namespace: kube-system
  labels:
    kubernetes.io/service-name: kube-dns
    endpointslice.kubernetes.io/managed-by: rsj-testbed
addressType: IPv4
endpoints:
- addresses: [$NODE_IP]
  conditions: {ready: true}
  nodeName: $NODE_NAME
ports:
- {name: dns, port: 53, protocol: UDP}
- {name: dns-tcp, port: 53, protocol: TCP}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: kube-dns
  namespace: kube-system
  labels:
    endpointslice.kubernetes.io/skip-mirror: "true"
subsets:
- addresses: [{ip: $NODE_IP, nodeName: $NODE_NAME}]
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
EOF
}
# kubectl's output (with the API server's deprecation warning for Endpoints)
# goes to DIR/cluster-dns.log, shown on failure.
t0=$(now_us)
for ((i = 0; ; i++)); do
  cluster_dns_objects | "${KUBECTL[@]}" apply --server-side --force-conflicts --field-manager=rsj-testbed -f - \
    >"$DIR/cluster-dns.log" 2>&1 && break
  ((i < 50)) || fail_with_log cluster-dns "could not apply the cluster DNS objects"
  sleep 0.2
done
log "kube-dns Service $DNS_IP -> $NODE_IP:53 and ClusterRole system:coredns applied in $(since "$t0")"

# Two server blocks: the cluster's names and reverse lookups from the
# `kubernetes` plugin (authoritative: a missing name is NXDOMAIN, not passed
# on); every other name NXDOMAIN from `template`, as there is no upstream to
# forward to. `log` records the denials and errors for cluster names, which
# is what a test that cannot find a Service wants to see. No cache: a new
# Service resolves as soon as CoreDNS's watch sees it.
cat >"$CONF/Corefile" <<EOF
$CLUSTER_DOMAIN:53 in-addr.arpa:53 ip6.arpa:53 {
    bind $NODE_IP
    errors
    log . {
        class denial error
    }
    kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
        kubeconfig $CONF/coredns.kubeconfig
        pods insecure
    }
}
.:53 {
    bind $NODE_IP
    errors
    template ANY ANY {
        rcode NXDOMAIN
    }
}
EOF
daemon coredns nsenter --net="$NETNS" "$BIN_DIR/coredns" -conf "$CONF/Corefile"

# --- controllers, scheduler, kubelet, kube-proxy --------------------------------------------
# No leader election: there is one of each, and a restarted test bed would
# otherwise wait for the previous run's lease to expire. A higher client rate
# limit than the default 20/s: with a credential per controller, start-up is
# one ServiceAccount and token request after the other, and the default limit
# stretches it to 4-5 seconds. No delegated
# authentication for their own /metrics and /healthz (no front proxy CA to
# give them); the health endpoints stay open to anyone, as by default.
daemon controller-manager nsenter --net="$NETNS" "$BIN_DIR/kube-controller-manager" \
  --kubeconfig="$CONF/controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 \
  --leader-elect=false \
  --use-service-account-credentials=true \
  --service-account-private-key-file="$PKI/sa.key" \
  --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" \
  --cluster-signing-key-file="$PKI/ca.key" \
  --cluster-name=testbed \
  --kube-api-qps=200 \
  --kube-api-burst=400 \
  --profiling=false
daemon scheduler nsenter --net="$NETNS" "$BIN_DIR/kube-scheduler" \
  --kubeconfig="$CONF/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 \
  --leader-elect=false \
  --profiling=false

# Pods' cgroups go under a root of our own in every cgroup v1 hierarchy, so
# stop.sh can remove exactly them. kubelet wants the root to exist.
for h in /sys/fs/cgroup/*/; do
  [[ "$h" == */unified/ ]] && continue
  mkdir -p "$h$CGROUP_ROOT"
  # A new cpuset cgroup starts with no CPUs and memory nodes; nothing could run in it.
  if [[ -e "${h}cpuset.cpus" ]]; then
    cat "${h}cpuset.cpus" >"$h$CGROUP_ROOT/cpuset.cpus"
    cat "${h}cpuset.mems" >"$h$CGROUP_ROOT/cpuset.mems"
  fi
done

mkdir -p "$NODE/kubelet" "$NODE/volume-plugins"
kubelet_started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# failCgroupV1: kubelet 1.34 refuses cgroup v1 hosts unless told otherwise.
# clusterDNS, clusterDomain: the cluster DNS above, for ClusterFirst pods.
# resolvConf "": nothing from the host's resolv.conf (its nameservers are
# unreachable from the node's network namespace), so ClusterFirst pods get
# only the cluster DNS and search path, and dnsPolicy Default pods no DNS.
# Image GC and disk eviction effectively off: images cannot be pulled back.
cat >"$CONF/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_ROOT
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $PKI/kubelet.crt
tlsPrivateKeyFile: $PKI/kubelet.key
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $PKI/ca.crt
authorization:
  mode: Webhook
clusterDNS:
- $DNS_IP
clusterDomain: $CLUSTER_DOMAIN
resolvConf: ""
volumePluginDir: $NODE/volume-plugins
podLogsDir: $NODE/pod-logs
failSwapOn: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  imagefs.available: 1%
  nodefs.inodesFree: 1%
EOF
daemon kubelet nsenter --target="$NODE_NS_PID" --mount --net -- "$BIN_DIR/kubelet" \
  --config="$CONF/kubelet.yaml" \
  --kubeconfig="$CONF/node.kubeconfig" \
  --root-dir="$NODE/kubelet" \
  --hostname-override="$NODE_NAME" \
  --node-ip="$NODE_IP" \
  --v=1

# Conntrack sizes and timeouts left as they are: nf_conntrack_max and the
# module's hash size are host-wide.
cat >"$CONF/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection:
  kubeconfig: $CONF/kube-proxy.kubeconfig
hostnameOverride: $NODE_NAME
clusterCIDR: $POD_CIDR
nodePortAddresses: [primary]
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
EOF
daemon kube-proxy nsenter --target="$NODE_NS_PID" --mount --net -- "$BIN_DIR/kube-proxy" \
  --config="$CONF/kube-proxy.yaml"

# Ready as reported by this kubelet: on a reused DIR the Node object still
# shows the previous run's last status until kubelet's first update.
node_ready() {
  local status heartbeat
  read -r status heartbeat < <("${KUBECTL[@]}" get node "$NODE_NAME" \
    -o 'jsonpath={range .status.conditions[?(@.type=="Ready")]}{.status} {.lastHeartbeatTime}{end}' 2>/dev/null)
  [[ "$status" == True && ! "$heartbeat" < "$kubelet_started" ]]
}
wait_until "node $NODE_NAME Ready" "kubelet containerd apiserver" node_ready
# Pods reach the API server through this rule; kube-proxy writes it shortly
# after it sees the Service and its endpoint.
service_rule() { in_node iptables -w -t nat -S KUBE-SERVICES | grep -q -- '-d 10.0.0.1/32'; }
wait_until "kube-proxy rules for the kubernetes Service" "kube-proxy" service_rule
log "node Ready $(since "$t_containerd") after containerd started"
# Pods' lookups: kube-proxy forwards the kube-dns ClusterIP (UDP and TCP) to
# the node IP, and CoreDNS answers there from its synced watch.
dns_rules() { (($(in_node iptables -w -t nat -S KUBE-SERVICES | grep -c -- "-d $DNS_IP/32") >= 2)); }
wait_until "kube-proxy rules for the kube-dns Service ($DNS_IP:53 -> $NODE_IP:53)" "kube-proxy" dns_rules
# dns_answers: an A query over UDP for kubernetes.default.svc.<domain> at the
# node IP, answered with 10.0.0.1 (in python: the node has no DNS tools).
dns_answers() {
  in_netns python3 - "$NODE_IP" "kubernetes.default.svc.$CLUSTER_DOMAIN" 10.0.0.1 <<'EOF'
import socket, struct, sys
server, name, want = sys.argv[1:]
query = struct.pack('>6H', 0x7273, 0x0100, 1, 0, 0, 0)
query += b''.join(bytes([len(p)]) + p.encode() for p in name.split('.')) + b'\0' + struct.pack('>2H', 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1)
s.sendto(query, (server, 53))
reply = s.recv(4096)
if reply[:2] != query[:2] or reply[3] & 0xF != 0:
    sys.exit(1)
pos, addresses = len(query), []  # the reply repeats the question as it was asked
for _ in range(struct.unpack('>H', reply[6:8])[0]):
    pos += 2 if reply[pos] & 0xC0 == 0xC0 else reply.index(b'\0', pos) + 1 - pos
    rtype, _, _, length = struct.unpack('>HHIH', reply[pos:pos + 10])
    pos += 10
    if rtype == 1:
        addresses.append(socket.inet_ntoa(reply[pos:pos + length]))
    pos += length
sys.exit(0 if want in addresses else 1)
EOF
}
wait_until "CoreDNS at $NODE_IP:53 to resolve kubernetes.default.svc.$CLUSTER_DOMAIN" coredns dns_answers
# Namespaces get their "default" ServiceAccount and kube-root-ca.crt from
# kube-controller-manager, whose controllers start one after the other over a
# few seconds; a test that creates a namespace and a pod at once needs them.
namespace_controllers() {
  "${KUBECTL[@]}" -n default get serviceaccount default && "${KUBECTL[@]}" -n default get configmap kube-root-ca.crt
}
wait_until "the default ServiceAccount and kube-root-ca.crt" controller-manager namespace_controllers

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
  # Reachable inside TESTBED_NETNS only (nsenter --net=... curl ...).
  env_line TESTBED_ETCD "$ETCD_URL"
  env_line TESTBED_SA_ISSUER "$SA_ISSUER"
  env_line TESTBED_K8S_VERSION "$("$BIN_DIR/kube-apiserver" --version | sed 's/^Kubernetes //')"
  # A kubectl of the server's own version (build.sh makes it), to avoid
  # client/server skew with whatever kubectl is on PATH.
  env_line TESTBED_KUBECTL "$BIN_DIR/kubectl"
  env_line TESTBED_NETNS "$NETNS"
  env_line TESTBED_NODE_IP "$NODE_IP"
  env_line TESTBED_NODE_NAME "$NODE_NAME"
  env_line TESTBED_POD_CIDR "$POD_CIDR"
  # The kube-dns ClusterIP that pods use as their nameserver, and the cluster domain.
  env_line TESTBED_DNS_IP "$DNS_IP"
  env_line TESTBED_CLUSTER_DOMAIN "$CLUSTER_DOMAIN"
  # ctr against the node's containerd, in the namespace kubelet uses:
  # $TESTBED_CTR images ls
  env_line TESTBED_CTR "ctr --address $CONTAINERD_SOCK --namespace k8s.io"
} >"$DIR/env"

log "ready after $(since "$t_start"): $SERVER (kubeconfig $DIR/kubeconfig)"
log "memory: $(rss_summary)"
cat "$DIR/env"
