# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: the container images the e2e tests run on the test cluster
# (Rasa 3.6.21 with a small trained bot, Rasa SDK 3.6.2 with its custom actions, Node 24 for the
# minter), built from the registries into $RSJ_CACHE by scripts/images/build.sh once per input
# hash. There is no registry here: the test bed imports the archives into its node's containerd
# (RSJ_TEST_IMAGES, colon-separated).
if [[ -z ${RSJ_TEST_KUBECONFIG:-} ]]; then
  images_out=$(bash "$repo/scripts/images/build.sh") || { echo "building the test images failed" >&2; return 1; }
  RSJ_TEST_IMAGES=$(awk '{ print $2 }' <<<"$images_out" | sort -u | paste -sd: -)
  export RSJ_TEST_IMAGES
fi
