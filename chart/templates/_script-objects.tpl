{{/*
The objects of a script Job (an entry of "rasa.scriptJobs"), one template each, called with
(dict "ctx" $ "job" $job). script-objects.yaml renders them with the Job's NetworkPolicy.
Twin: ScriptJob in src/constructs/script-job.ts (its ServiceAccount, Role, RoleBinding, Files and Job).
*/}}

{{- define "rasa.scriptServiceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  {{- include "rasa.metadata" (dict "ctx" .ctx "component" .job.component "name" .job.name "annotations" .job.rbacAnnotations) | nindent 2 }}
{{- /* The only service accounts of the chart whose token a pod mounts. */}}
automountServiceAccountToken: true
{{- end -}}

{{- define "rasa.scriptRole" -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  {{- include "rasa.metadata" (dict "ctx" .ctx "component" .job.component "name" .job.name "annotations" .job.rbacAnnotations) | nindent 2 }}
rules:
  {{- /* Each rule on one object by name. `create` because a server-side apply of a missing object
  creates it, and its URL names the object, so resourceNames confines even that. The minter gets no
  access to Secrets: its key arrives as an environment variable. */}}
  {{- range $rule := .job.rules }}
  - apiGroups:
      - {{ $rule.apiGroup | quote }}
    resourceNames:
      - {{ $rule.resourceName | quote }}
    resources:
      - {{ $rule.resource }}
    verbs:
      {{- toYaml $rule.verbs | nindent 6 }}
  {{- end }}
{{- end -}}

{{- define "rasa.scriptRoleBinding" -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  {{- include "rasa.metadata" (dict "ctx" .ctx "component" .job.component "name" .job.name "annotations" .job.rbacAnnotations) | nindent 2 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ .job.name | quote }}
subjects:
  - apiGroup: ""
    kind: ServiceAccount
    name: {{ .job.name | quote }}
    namespace: {{ .ctx.Release.Namespace | quote }}
{{- end -}}

{{- define "rasa.scriptFiles" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  {{- include "rasa.metadata" (dict "ctx" .ctx "component" .job.component "name" .job.name "annotations" .job.rbacAnnotations) | nindent 2 }}
immutable: false
data:
  {{- /* The bundled program (src/minter/ or src/keygen/, rebuilt and checked by the tests) and its input. */}}
  {{ .job.component }}.json: {{ .job.input | quote }}
  {{ .job.component }}.mjs: {{ .ctx.Files.Get (printf "files/%s.mjs" .job.component) | quote }}
{{- end -}}

{{- define "rasa.scriptJob" -}}
apiVersion: batch/v1
kind: Job
metadata:
  {{- include "rasa.metadata" (dict "ctx" .ctx "component" .job.component "name" .job.jobName "annotations" .job.jobAnnotations) | nindent 2 }}
spec:
  {{- include "rasa.scriptJobSpec" (dict "ctx" .ctx "job" .job "ttl" true) | nindent 2 }}
{{- end -}}

{{/*
What Helm runs as one hook, given annotations: the events and the delete policy, or "" for a plain
object. Objects whose hooks are the same can share one List document; NOTES.txt asks it whether
the minter Job is a hook.
*/}}
{{- define "rasa.hookRun" -}}
{{- if hasKey . "helm.sh/hook" -}}
{{- printf "%s|%v" (index . "helm.sh/hook") (index . "helm.sh/hook-delete-policy") -}}
{{- end -}}
{{- end -}}

{{/*
One List document of rendered objects, (dict "name" ... "annotations" ... "objects" ...): a Helm
hook of the annotations' helm.sh/hook* entries, whose items keep their own annotations.
*/}}
{{- define "rasa.hookList" -}}
apiVersion: v1
kind: List
metadata:
  name: {{ .name | quote }}
  annotations:
    {{- range $key, $value := .annotations }}
    {{- if hasPrefix "helm.sh/hook" $key }}
    {{ $key }}: {{ $value | quote }}
    {{- end }}
    {{- end }}
items:
{{- range .objects }}
  - {{ . | indent 4 | trim }}
{{- end }}
{{- end -}}
