#!/usr/bin/env bash
# Fetches the Argo CD and Flux CRDs into DIR (argo-cd/, flux/); run by scripts/test-deps/60-gitops-crds.sh,
# which names the versions in the environment and sends this script's output to a log.
#   Argo CD  github.com/argoproj/argo-cd/v3@$ARGOCD_VERSION                manifests/crds/*-crd.yaml
#   Flux     github.com/fluxcd/source-controller@$FLUX_SOURCE_VERSION      config/crd/bases/*.yaml
#            github.com/fluxcd/kustomize-controller@$FLUX_KUSTOMIZE_VERSION config/crd/bases/*.yaml
#            helm-controller: the Go module proxy refuses github.com/fluxcd/helm-controller, so its
#            CRD is made as its Makefile makes it (`make manifests`): controller-gen
#            $CONTROLLER_GEN_VERSION over the types of github.com/fluxcd/helm-controller/api@$FLUX_HELM_VERSION.
#            The same command must first reproduce kustomize-controller's shipped CRD byte for byte
#            from its api module, or the fetch fails: that keeps the generated CRD honest.
# Modules go through the machine's Go module cache, as `go install` does; controller-gen is built
# into $RSJ_CACHE/tools/controller-gen-<version>.
set -euo pipefail
dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A module of its own, so that go runs from a known place whatever the caller's folder holds.
go -C "$work" mod init rsj.local/gitops-crds
modcache=$(go env GOMODCACHE)

# The folder of a module version (our module paths have no capital letters to escape).
module() {
  go -C "$work" mod download -x "$1" >&2
  echo "$modcache/$1"
}

rm -rf "$dir" && mkdir -p "$dir/argo-cd" "$dir/flux"
cp "$(module "github.com/argoproj/argo-cd/v3@$ARGOCD_VERSION")"/manifests/crds/*-crd.yaml "$dir/argo-cd/"
cp "$(module "github.com/fluxcd/source-controller@$FLUX_SOURCE_VERSION")"/config/crd/bases/*.yaml "$dir/flux/"
kustomize_crds="$(module "github.com/fluxcd/kustomize-controller@$FLUX_KUSTOMIZE_VERSION")/config/crd/bases"
cp "$kustomize_crds"/*.yaml "$dir/flux/"

tools="$RSJ_CACHE/tools/controller-gen-$CONTROLLER_GEN_VERSION"
if [[ ! -x $tools/controller-gen ]]; then
  mkdir -p "$tools"
  GOBIN=$tools CGO_ENABLED=0 go -C "$work" install "sigs.k8s.io/controller-tools/cmd/controller-gen@$CONTROLLER_GEN_VERSION"
fi
# As in helm-controller's and kustomize-controller's Makefiles.
generate() { (cd "$1" && "$tools/controller-gen" crd:crdVersions=v1 paths=./... "output:crd:artifacts:config=$2"); }

generate "$(module "github.com/fluxcd/kustomize-controller/api@$FLUX_KUSTOMIZE_VERSION")" "$work/check"
if ! diff -r "$work/check" "$kustomize_crds"; then
  echo "controller-gen $CONTROLLER_GEN_VERSION does not reproduce kustomize-controller $FLUX_KUSTOMIZE_VERSION's CRD: take the version its Makefile names" >&2
  exit 1
fi
generate "$(module "github.com/fluxcd/helm-controller/api@$FLUX_HELM_VERSION")" "$dir/flux"
touch "$dir/.complete"
