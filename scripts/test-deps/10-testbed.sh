# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: builds kube-apiserver and etcd once per version (cached
# under $RSJ_CACHE; a cold build takes a quarter of an hour on two cores) for the cluster tests.
# A user with a cluster of their own can skip it with RSJ_TEST_KUBECONFIG (see README).
if [[ -z ${RSJ_TEST_KUBECONFIG:-} ]]; then
  bash "$repo/scripts/testbed/build.sh" >/dev/null
fi
