{{/*
The spec of a Job that runs a bundled program (an entry of "rasa.scriptJobs"): its limits and its
pod, on the program's ServiceAccount, with the program's files mounted and, for the minter, the key
from its Secret. The minter Job and the re-mint CronJob's jobTemplate are both this spec, so the
CronJob's runs get every pod setting the Job gets. Call with (dict "ctx" $ "job" $job "ttl" true);
"ttl" false leaves minter.ttlSecondsAfterFinished out (the CronJob's history limits clean up).
Twin: scriptJobLimits and buildScriptPod in src/constructs/script-job.ts.
*/}}
{{- define "rasa.scriptJobSpec" -}}
{{- $job := .job -}}
{{- $minter := .ctx.Values.minter -}}
{{- $key := .ctx.Values.socketio.jwtKey -}}
activeDeadlineSeconds: {{ $minter.activeDeadlineSeconds }}
backoffLimit: {{ $minter.backoffLimit }}
{{- /* No TTL by default: Argo CD and Flux recreate a Job that disappears, which would run it
again and again. As a Helm hook the Job is deleted once it succeeds (hook-delete-policy). */}}
{{- if and .ttl (not (kindIs "invalid" $minter.ttlSecondsAfterFinished)) }}
ttlSecondsAfterFinished: {{ $minter.ttlSecondsAfterFinished }}
{{- end }}
template:
  metadata:
    {{- with .ctx.Values.commonAnnotations }}
    annotations:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    labels:
      {{- include "rasa.podTemplateLabels" (dict "ctx" .ctx "component" $job.component) | nindent 6 }}
  spec:
    automountServiceAccountToken: true
    serviceAccountName: {{ $job.name | quote }}
    containers:
      - name: {{ $job.component }}
        image: {{ include "rasa.image" $minter.image | quote }}
        imagePullPolicy: {{ $minter.image.pullPolicy | quote }}
        command:
          {{- toYaml $job.command | nindent 10 }}
        {{- if $job.keyEnv }}
        env:
          - name: {{ $key.envName | quote }}
            valueFrom:
              secretKeyRef:
                name: {{ $key.secretName | quote }}
                key: {{ $key.secretKey | quote }}
        {{- end }}
        {{- include "rasa.mainContainer" $minter | nindent 8 }}
        volumeMounts:
          - name: {{ $job.component }}
            mountPath: {{ $job.mountPath }}
            readOnly: true
    {{- /* minter's settings, its scheduling falling back to rasa's (rasa.jobScheduling). */}}
    {{- $pod := deepCopy $minter }}
    {{- range $field, $value := include "rasa.jobScheduling" .ctx | fromJson }}
    {{- $_ := set $pod $field $value }}
    {{- end }}
    {{- include "rasa.podSpec" (dict "section" $pod "restartPolicy" "Never") | nindent 4 }}
    volumes:
      - name: {{ $job.component }}
        configMap:
          name: {{ $job.name | quote }}
{{- end -}}
