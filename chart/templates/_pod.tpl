{{/*
The pod builder of the chart; its twin is buildPod in src/constructs/pod-builder.ts.
The constructs build pods with cdk8s-plus-27, which writes its own default for many pod fields
(dnsPolicy, hostNetwork, restartPolicy...). The chart writes the same defaults here, and nowhere
else, so that `helm template` and `rasa-socketio-jwt synth` render the same objects: a value
written out below is cdk8s-plus-27's, not a choice of ours. What a user may need to change or
remove (security contexts, resources, scheduling) comes from the values, where a null deletes a
default; never from here. So do the extension points (init containers, sidecars, extra volumes,
the main container's extra mounts and env sources), written as given with toYaml after the pod's
own items. A field every pod should get is added here and in buildPod.
*/}}

{{/*
The pod spec fields of every pod but its containers, volumes and ServiceAccount. Call with
(dict "section" $.Values.rasa "restartPolicy" "Always"): the section holds podSecurityContext and
optionally imagePullSecrets, nodeSelector, tolerations, affinity, topologySpreadConstraints,
priorityClassName, initContainers and terminationGracePeriodSeconds (cdk8s-plus-27's 30 when it has
none); restartPolicy is cdk8s-plus-27's for the kind (Always for a Deployment, Never for a Job).
Twin: buildPod in src/constructs/pod-builder.ts (with cdk8s-plus-27's defaults).
*/}}
{{- define "rasa.podSpec" -}}
{{- $section := .section -}}
dnsPolicy: ClusterFirst
hostNetwork: false
restartPolicy: {{ .restartPolicy }}
setHostnameAsFQDN: false
{{- if kindIs "invalid" $section.terminationGracePeriodSeconds }}
terminationGracePeriodSeconds: 30
{{- else }}
terminationGracePeriodSeconds: {{ int64 $section.terminationGracePeriodSeconds }}
{{- end }}
{{- with $section.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $section.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . | quote }}
  {{- end }}
{{- end }}
{{- range $field := list "nodeSelector" "tolerations" "affinity" "topologySpreadConstraints" "initContainers" }}
{{- with index $section $field }}
{{ $field }}:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- with $section.priorityClassName }}
priorityClassName: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
The fields the values give a pod's main container: its resources, security context and, when the
section has them, extraEnvFrom and a preStop sleep of preStopDelaySeconds (none when 0). Call with the section ($.Values.rasa or $.Values.minter); its
extraVolumeMounts go after the container's own mounts through "rasa.appended".
Twin: the main container's part of buildPod in src/constructs/pod-builder.ts.
*/}}
{{- define "rasa.mainContainer" -}}
resources:
  {{- include "rasa.resources" .resources | nindent 2 }}
{{- with .containerSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .extraEnvFrom }}
envFrom:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .preStopDelaySeconds }}
lifecycle:
  preStop:
    exec:
      command:
        - sleep
        - {{ int64 . | toString | quote }}
{{- end }}
{{- end -}}

{{/*
An extension point's items, after the chart's own items of the same list: a section's sidecars
after the main container, its extraVolumes after the pod's volumes, its extraVolumeMounts after the
main container's mounts. Call right after the last own item, with (dict "items" $rasa.sidecars
"indent" 8), indent being the list's; nothing when there are none.
Twin: append (through editRenderedPod) in src/constructs/pod-builder.ts.
*/}}
{{- define "rasa.appended" -}}
{{- with .items }}
{{ toYaml . | indent $.indent }}
{{- end }}
{{- end -}}

{{/*
Container resources as written; empty quantities (no limit) are left out.
Twin: resources in src/constructs/pod-builder.ts.
*/}}
{{- define "rasa.resources" -}}
{{- $out := dict -}}
{{- range $section := list "limits" "requests" -}}
{{- $quantities := dict -}}
{{- range $k, $v := index $ $section -}}
{{- if ne (toString $v) "" -}}{{- $_ := set $quantities $k $v -}}{{- end -}}
{{- end -}}
{{- if $quantities -}}{{- $_ := set $out $section $quantities -}}{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}
