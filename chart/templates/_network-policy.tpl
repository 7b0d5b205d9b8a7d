{{/*
One NetworkPolicy: an entry of "rasa.networkPolicies", called with (dict "ctx" $ "policy" $policy).
networkpolicy.yaml renders those of the bot's pods, script-objects.yaml those of the script Jobs.
Twin: RasaNetworkPolicy in src/constructs/rasa-network-policy.ts.
*/}}
{{- define "rasa.networkPolicy" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "rasa.metadata" (dict "ctx" .ctx "component" .policy.component "name" .policy.name "annotations" .policy.annotations) | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      {{- toYaml .policy.podSelector | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  {{- with .policy.ingress }}
  ingress:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  egress:
    {{- toYaml .policy.egress | nindent 4 }}
{{- end -}}
