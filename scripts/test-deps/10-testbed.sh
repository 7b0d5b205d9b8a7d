# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: the single-node test cluster. Debian's containerd, runc, CNI
# plugins and the tools the node needs (node-packages.sh names them before installing, once per
# machine), and the Kubernetes binaries and CoreDNS built from the Go module proxy once per version
# (cached under $RSJ_CACHE; a cold build takes about 17 minutes on two cores; its log goes to the
# cache).
# A user with a cluster of their own can skip it with RSJ_TEST_KUBECONFIG (see README).
if [[ -z ${RSJ_TEST_KUBECONFIG:-} ]]; then
  bash "$repo/scripts/testbed/node-packages.sh"
  bash "$repo/scripts/testbed/build.sh" >/dev/null
fi
