#!/usr/bin/env bash
# Deploys integr8s into one namespace of the cluster kubectl points at:
#   k8s/setup_k8s.sh <namespace> [overlay]
# <namespace>  where everything goes (created if missing); `default` and the kube-* namespaces are refused.
# [overlay]    a directory under k8s/overlays (e.g. `local`); without it, k8s/base.
# INTEGR8S_IMAGE (default integr8s:0.1.0) is the image the Deployments run, as name:tag.
# Needs kubectl (with its built-in kustomize) and the Secret integr8s-secrets in the namespace (see k8s/README.md).
# Downloads nothing.
set -euo pipefail

readonly SECRET=integr8s-secrets
readonly DEPLOYMENTS=(integr8s-api integr8s-worker integr8s-projections)
readonly ROLLOUT_TIMEOUT="${INTEGR8S_ROLLOUT_TIMEOUT:-300s}"

fail() {
    echo "setup_k8s.sh: $*" >&2
    exit 1
}

if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
    fail "usage: k8s/setup_k8s.sh <namespace> [overlay]  (e.g. k8s/setup_k8s.sh integr8s-prod)"
fi
namespace="$1"
overlay="${2:-}"
image="${INTEGR8S_IMAGE:-integr8s:0.1.0}"

case "$namespace" in
    default | kube-*)
        fail "refusing namespace '$namespace': integr8s (and the sandbox pods it creates) gets a namespace of its own; pass another name, e.g. integr8s-prod" ;;
esac
if ! [[ "$namespace" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]]; then
    fail "'$namespace' is not a namespace name: use lower-case letters, digits and '-', at most 63 characters"
fi
if ! [[ "$image" =~ ^[A-Za-z0-9._/:-]+:[A-Za-z0-9._-]+$ && "${image##*/}" == *:* ]]; then
    fail "INTEGR8S_IMAGE='$image' is not name:tag (e.g. registry.example.org/integr8s:0.1.0)"
fi

k8s_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "$overlay" ]]; then
    source="base"
elif [[ "$overlay" =~ ^[A-Za-z0-9_-]+$ && -f "$k8s_dir/overlays/$overlay/kustomization.yaml" ]]; then
    source="overlays/$overlay"
else
    fail "no overlay '$overlay' in $k8s_dir/overlays (there: $(ls "$k8s_dir/overlays" | tr '\n' ' '))"
fi

command -v kubectl >/dev/null 2>&1 || fail "kubectl not found on PATH: install it and point it at your cluster (kubectl config use-context ...)"

if ! kubectl get namespace "$namespace" >/dev/null 2>&1 \
        || ! kubectl --namespace "$namespace" get secret "$SECRET" >/dev/null 2>&1; then
    fail "the Secret $SECRET is missing in namespace '$namespace'; create both first:
  kubectl create namespace $namespace
  kubectl --namespace $namespace create secret generic $SECRET \\
      --from-literal=INTEGR8S_SECURITY_JWT_SECRET=\"\$(openssl rand -base64 48)\" \\
      --from-literal=INTEGR8S_NOTIFICATIONS_WEBHOOK_SIGNING_SECRET=\"\$(openssl rand -hex 32)\" \\
      --from-literal=SPRING_DATASOURCE_PASSWORD='<the integr8s database user's password>' \\
      --from-literal=INTEGR8S_SECURITY_BOOTSTRAP_ADMIN_USERNAME=admin \\
      --from-literal=INTEGR8S_SECURITY_BOOTSTRAP_ADMIN_EMAIL=admin@example.org \\
      --from-literal=INTEGR8S_SECURITY_BOOTSTRAP_ADMIN_PASSWORD=\"\$(openssl rand -base64 18)\" \\
      --from-literal=INTEGR8S_MANAGEMENT_SCRAPE_TOKEN=\"\$(openssl rand -hex 32)\""
fi

# kustomize cannot be given a namespace on the command line and rewrites no RoleBinding subject: a kustomization
# next to the base (kustomize loads only relative paths) sets both, and the image.
render_dir="$(mktemp -d "$k8s_dir/.setup.XXXXXX")"
trap 'rm -rf -- "$render_dir"' EXIT
{
    cat <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: $namespace
resources:
  - ../$source
images:
  - name: integr8s
    newName: ${image%:*}
    newTag: ${image##*:}
patches:
  - target: {kind: RoleBinding, name: integr8s-executor}
    patch: |-
      - op: replace
        path: /subjects/0/namespace
        value: $namespace
YAML
    if ! kubectl api-resources --api-group=cilium.io -o name 2>/dev/null | grep -qx 'ciliumnetworkpolicies.cilium.io'; then
        echo "setup_k8s.sh: no Cilium in this cluster: the standard NetworkPolicy alone isolates the sandbox pods (your network plugin must enforce NetworkPolicy)" >&2
        cat <<YAML
  - target: {group: cilium.io, kind: CiliumNetworkPolicy}
    patch: |-
      \$patch: delete
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: integr8s-executor-deny-all
YAML
    fi
} >"$render_dir/kustomization.yaml"

kubectl apply -k "$render_dir"
for deployment in "${DEPLOYMENTS[@]}"; do
    kubectl --namespace "$namespace" rollout status "deployment/$deployment" --timeout="$ROLLOUT_TIMEOUT"
done

cat <<TEXT
integr8s runs in namespace '$namespace' (image $image).
Next:
  kubectl --namespace $namespace port-forward service/integr8s-api 8080:80     # then http://localhost:8080/api/v1/health/ready
  kubectl --namespace $namespace get pods -l app=integr8s,component=executor   # one sandbox pod per running execution
  kubectl --namespace $namespace logs deployment/integr8s-worker               # admission, sagas, sandbox pods
Expose the Service integr8s-api through your ingress controller (TLS there); k8s/README.md has the rest.
TEXT
