# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: the CustomResourceDefinitions of Argo CD and Flux, against
# whose own schemas test/e2e/gitops-examples.test.ts checks examples/argocd and examples/flux (a
# server-side dry run on the test cluster). Argo CD and Flux cannot run here, but their CRDs ship
# inside their Go modules, which the Go module proxy serves; scripts/gitops-crds.sh says which
# files, and how helm-controller's is made. The versions are Flux $FLUX_VERSION's (its go.mod pins
# these controllers' api modules) and an Argo CD 3 release whose go.mod this machine's Go accepts.
# They land in $RSJ_CACHE/gitops-crds/<versions>/, which RSJ_GITOPS_CRDS names; a warm run only
# looks at the folder. go's output goes to <folder>.log.
# shellcheck source=scripts/quiet.sh
source "$repo/scripts/quiet.sh"

ARGOCD_VERSION=v3.5.7
FLUX_VERSION=v2.9.5
FLUX_SOURCE_VERSION=v1.9.5
FLUX_KUSTOMIZE_VERSION=v1.9.5
FLUX_HELM_VERSION=v1.6.4
CONTROLLER_GEN_VERSION=v0.21.0

gitops_crds_dir="$RSJ_CACHE/gitops-crds/argo-cd-$ARGOCD_VERSION-flux-$FLUX_VERSION"
if [[ ! -f $gitops_crds_dir/.complete ]]; then
  command -v go >/dev/null 2>&1 || { echo "the GitOps CRDs are fetched with go, which is not on PATH (Go 1.23 or newer)" >&2; return 1; }
  mkdir -p "$RSJ_CACHE/gitops-crds"
  QUIET_TAG=gitops-crds quiet_run "$gitops_crds_dir.log" "Argo CD $ARGOCD_VERSION and Flux $FLUX_VERSION CRDs through the Go module proxy into $gitops_crds_dir" \
    env ARGOCD_VERSION="$ARGOCD_VERSION" FLUX_SOURCE_VERSION="$FLUX_SOURCE_VERSION" FLUX_KUSTOMIZE_VERSION="$FLUX_KUSTOMIZE_VERSION" \
    FLUX_HELM_VERSION="$FLUX_HELM_VERSION" CONTROLLER_GEN_VERSION="$CONTROLLER_GEN_VERSION" RSJ_CACHE="$RSJ_CACHE" \
    bash "$repo/scripts/gitops-crds.sh" "$gitops_crds_dir" || return 1
fi
export RSJ_GITOPS_CRDS=$gitops_crds_dir
