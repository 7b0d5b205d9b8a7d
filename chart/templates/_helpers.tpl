{{/*
Chart name, or nameOverride: the app.kubernetes.io/name label.
Twin: appName in src/plan/names.ts.
*/}}
{{- define "rasa.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Prefix of every object name. Cut to 63 characters because Service names and label values may not
be longer. The constructs use the same name, so `helm template NAME` and
`rasa-socketio-jwt synth --release NAME` can be compared object by object.
Twin: fullname in src/plan/names.ts.
*/}}
{{- define "rasa.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The Rasa pods' ServiceAccount: the given name, else the fullname when the chart creates it, else
the namespace's default.
Twin: serviceAccountName in src/plan/names.ts.
*/}}
{{- define "rasa.serviceAccountName" -}}
{{- if .Values.rasa.serviceAccount.create -}}
{{- default (include "rasa.fullname" .) .Values.rasa.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.rasa.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
How many Rasa pods can run, as JSON {fewest, fewestSetting, most, mostSetting}: within the
autoscaler's bounds when it is on (rasa.replicaCount then counts for nothing), else exactly
rasa.replicaCount. Call with .Values.rasa.
Twin: podCount in src/settings/pod-count.ts.
*/}}
{{- define "rasa.podCount" -}}
{{- if .autoscaling.enabled -}}
{{- dict "fewest" .autoscaling.minReplicas "fewestSetting" "rasa.autoscaling.minReplicas"
  "most" .autoscaling.maxReplicas "mostSetting" "rasa.autoscaling.maxReplicas" | toJson -}}
{{- else -}}
{{- dict "fewest" .replicaCount "fewestSetting" "rasa.replicaCount" "most" .replicaCount "mostSetting" "rasa.replicaCount" | toJson -}}
{{- end -}}
{{- end -}}

{{/*
The autoscaler's targets, CPU then memory, as a YAML list of autoscaling/v2 metrics. Call with
.Values.rasa.autoscaling.
Twin: autoscalerMetrics in src/plan/scaling.ts.
*/}}
{{- define "rasa.autoscalerMetrics" -}}
{{- $metrics := list -}}
{{- range $target := list (list "cpu" .targetCPUUtilizationPercentage) (list "memory" .targetMemoryUtilizationPercentage) -}}
{{- $percent := index $target 1 -}}
{{- if not (kindIs "invalid" $percent) -}}
{{- $metrics = append $metrics (dict "type" "Resource" "resource" (dict "name" (index $target 0)
  "target" (dict "type" "Utilization" "averageUtilization" (int64 $percent)))) -}}
{{- end -}}
{{- end -}}
{{- toYaml $metrics -}}
{{- end -}}

{{/*
The Service's session affinity: service.sessionAffinity, else ClientIP when more than one pod can
run. Behind an ingress controller the client IP is the controller's: there only the ingress's own
affinity (or a websocket-only client) keeps a socket.io session on one pod.
Twin: sessionAffinity in src/plan/scaling.ts.
*/}}
{{- define "rasa.sessionAffinity" -}}
{{- $pods := include "rasa.podCount" .Values.rasa | fromJson -}}
{{- .Values.service.sessionAffinity | default (ternary "ClientIP" "None" (gt (int $pods.most) 1)) -}}
{{- end -}}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "rasa.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels that select the pods of one component: stable, so never a version (selectors are immutable).
Call with (dict "ctx" $ "component" "server").
Twin: selectorLabels in src/plan/labels.ts.
*/}}
{{- define "rasa.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rasa.name" .ctx | quote }}
app.kubernetes.io/instance: {{ .ctx.Release.Name | quote }}
app.kubernetes.io/component: {{ .component | quote }}
{{- end -}}

{{/*
Labels of every object of one component: the common labels, the selector labels and the version.
Call with (dict "ctx" $ "component" "server").
Twin: objectLabels in src/plan/labels.ts.
*/}}
{{- define "rasa.objectLabels" -}}
{{- toYaml (merge (dict "app.kubernetes.io/version" .ctx.Chart.AppVersion) (include "rasa.selectorLabels" . | fromYaml) .ctx.Values.commonLabels) -}}
{{- end -}}

{{/*
Labels of every object of one component, as rasa.objectLabels, and Helm's own.
Call with (dict "ctx" $ "component" "server").
*/}}
{{- define "rasa.labels" -}}
{{- $labels := merge (dict
  "helm.sh/chart" (include "rasa.chart" .ctx)
  "app.kubernetes.io/managed-by" .ctx.Release.Service) (include "rasa.objectLabels" . | fromYaml) -}}
{{- toYaml $labels -}}
{{- end -}}

{{/*
Labels of a pod template: those of its object but for helm.sh/chart, so that a new chart version
alone neither restarts the pods nor changes a Job's pod template, which cannot change (the
`helm template | kubectl apply` path). The constructs never render that label.
*/}}
{{- define "rasa.podTemplateLabels" -}}
{{- toYaml (omit (include "rasa.labels" . | fromYaml) "helm.sh/chart") -}}
{{- end -}}

{{/*
metadata: for an object of this chart. Call with (dict "ctx" $ "component" "server" "name" NAME)
and optionally "annotations" (a dict merged over commonAnnotations).
Twin: componentMetadata and objectMetadata in src/plan/bot-plan.ts.
*/}}
{{- define "rasa.metadata" -}}
name: {{ .name | quote }}
namespace: {{ .ctx.Release.Namespace | quote }}
labels:
  {{- include "rasa.labels" . | nindent 2 }}
{{- $annotations := merge (deepCopy (default dict .annotations)) .ctx.Values.commonAnnotations }}
{{- with $annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
An image reference: registry/repository:tag, or @digest when a digest pins it.
Twin: imageRef in src/plan/image.ts.
*/}}
{{- define "rasa.image" -}}
{{- $name := ternary (printf "%s/%s" .registry .repository) .repository (ne .registry "") -}}
{{- if .digest -}}{{ printf "%s@%s" $name .digest }}{{- else -}}{{ printf "%s:%s" $name .tag }}{{- end -}}
{{- end -}}

{{/*
The Rasa container's command: refuse to start when the JWT key env var is shorter than the
method needs (an empty jwt_key turns Rasa's auth off), then exec rasa with the args. Checked in
the container because only the pod sees the Secret, and at every start because the env is read
again at each restart. It says there why ${#VAR} is safe.
Twin: keyGuardCommand in src/plan/key-guard.ts.
*/}}
{{- define "rasa.keyGuardCommand" -}}
{{- $key := .Values.socketio.jwtKey -}}
{{- $method := .Values.socketio.jwtMethod -}}
{{- $needed := get (dict "HS256" 32 "HS384" 48 "HS512" 64) $method -}}
{{- $length := printf "${#%s}" $key.envName -}}
{{- $script := printf "if [ \"%s\" -lt %d ]; then echo \"rasa-socketio-jwt: not starting Rasa: %s (Secret %s, key %s) holds %s bytes; %s needs at least %d, and with an empty jwt_key Rasa would let anyone chat without a token. Put a longer key into the Secret (openssl rand -hex 32).\" >&2; exit 1; fi; exec rasa \"$@\"" $length (int $needed) $key.envName $key.secretName $key.secretKey $length $method (int $needed) -}}
{{- toYaml (list "sh" "-c" $script "rasa") -}}
{{- end -}}

{{/*
`rasa run` flags, which the key guard hands to rasa. Kubernetes expands $(VAR) in args from the
container env, so the API token never sits in a spec.
Twin: rasaArgs in src/plan/rasa-server.ts.
*/}}
{{- define "rasa.serverArgs" -}}
{{- $rasa := .Values.rasa -}}
{{- $args := list "run" "--port" (toString $rasa.port) "--credentials" "/etc/rasa/credentials.yml" "--endpoints" "/etc/rasa/endpoints.yml" -}}
{{- if not $rasa.model.serverUrl -}}
{{- $args = concat $args (list "--model" $rasa.model.path) -}}
{{- end -}}
{{- if $rasa.api.enabled -}}
{{- $args = concat $args (list "--enable-api" "--auth-token" "$(RASA_API_AUTH_TOKEN)") -}}
{{- end -}}
{{- with $rasa.cors -}}
{{- $args = concat $args (list "--cors") . -}}
{{- end -}}
{{- toYaml (concat $args (default (list) $rasa.extraArgs)) -}}
{{- end -}}

{{/*
The Rasa container's environment, in order: the JWT key from its Secret, the telemetry switch, the
licence and the API token when set, then the user's extra variables.
Twin: rasaEnv in src/plan/rasa-server.ts.
*/}}
{{- define "rasa.serverEnv" -}}
{{- $rasa := .Values.rasa -}}
{{- $key := .Values.socketio.jwtKey -}}
{{- $env := list
  (dict "name" $key.envName "valueFrom" (dict "secretKeyRef" (dict "name" $key.secretName "key" $key.secretKey)))
  (dict "name" "RASA_TELEMETRY_ENABLED" "value" (toString $rasa.telemetryEnabled)) -}}
{{- with $rasa.license -}}
{{- if .secretName -}}
{{- $env = append $env (dict "name" .envName "valueFrom" (dict "secretKeyRef" (dict "name" .secretName "key" .secretKey))) -}}
{{- end -}}
{{- end -}}
{{- if $rasa.api.enabled -}}
{{- $env = append $env (dict "name" "RASA_API_AUTH_TOKEN" "valueFrom" (dict "secretKeyRef" (dict "name" $rasa.api.tokenSecretName "key" $rasa.api.tokenSecretKey))) -}}
{{- end -}}
{{- range $rasa.extraEnv -}}
{{- if and .secretName .secretKey -}}
{{- $env = append $env (dict "name" .name "valueFrom" (dict "secretKeyRef" (dict "name" .secretName "key" .secretKey))) -}}
{{- else -}}
{{- $env = append $env (dict "name" .name "value" (default "" .value)) -}}
{{- end -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/*
credentials.yml. The socketio key is named as ${ENV} and must stay an UNQUOTED scalar: Rasa
expands environment variables only in plain scalars.
Twin: credentialsYaml in src/plan/rasa-files.ts.
*/}}
{{- define "rasa.credentials" -}}
{{- $io := .Values.socketio -}}
{{- $socketio := dict
  "user_message_evt" $io.userMessageEvt
  "bot_message_evt" $io.botMessageEvt
  "session_persistence" $io.sessionPersistence
  "socketio_path" $io.socketioPath
  "jwt_key" (printf "${%s}" $io.jwtKey.envName)
  "jwt_method" $io.jwtMethod -}}
{{- if $io.namespace -}}{{- $_ := set $socketio "namespace" $io.namespace -}}{{- end -}}
{{- $channels := deepCopy (default dict .Values.channels) -}}
{{- $_ := set $channels "socketio" $socketio -}}
{{- toYaml $channels -}}
{{- end -}}

{{/*
endpoints.yml: the model server, if any, and the user's other endpoints.
Twin: endpointsYaml in src/plan/rasa-files.ts.
*/}}
{{- define "rasa.endpoints" -}}
{{- $endpoints := deepCopy (default dict .Values.rasa.endpoints) -}}
{{- with .Values.rasa.model.serverUrl -}}
{{- $_ := set $endpoints "models" (dict "url" . "wait_time_between_pulls" $.Values.rasa.model.waitTimeBetweenPulls) -}}
{{- end -}}
{{- toYaml $endpoints -}}
{{- end -}}

{{/*
Checksum of the two files, on the pod template so that a changed ConfigMap rolls the pods. The
same bytes are hashed as by its twin.
Twin: configChecksum in src/plan/rasa-files.ts.
*/}}
{{- define "rasa.configChecksum" -}}
{{- printf "credentials.yml\n%s\n\nendpoints.yml\n%s\n\n" (include "rasa.credentials" .) (include "rasa.endpoints" .) | sha256sum -}}
{{- end -}}

{{/*
Name of the ConfigMap with credentials.yml and endpoints.yml.
Twin: configName in src/plan/names.ts.
*/}}
{{- define "rasa.configName" -}}
{{- printf "%s-config" (include "rasa.fullname" .) -}}
{{- end -}}

{{/*
Name of the ConfigMap the minter writes the tokens and snippets to.
Twin: widgetsConfigMapName in src/plan/names.ts.
*/}}
{{- define "rasa.widgetsConfigMap" -}}
{{- default (printf "%s-widgets" (include "rasa.fullname" .)) .Values.minter.configMapName -}}
{{- end -}}

{{/*
Name of the minter's ServiceAccount, Role, RoleBinding and files ConfigMap.
Twin: minterName in src/plan/names.ts.
*/}}
{{- define "rasa.minterName" -}}
{{- printf "%s-minter" (include "rasa.fullname" .) -}}
{{- end -}}

{{/*
Name of the key generator's ServiceAccount, Role, RoleBinding and files ConfigMap.
Twin: keygenName in src/plan/names.ts.
*/}}
{{- define "rasa.keygenName" -}}
{{- printf "%s-keygen" (include "rasa.fullname" .) -}}
{{- end -}}

{{/*
Where pages connect when a widget names no URL: the Ingress host when there is one, otherwise the
Service through `kubectl port-forward`.
Twin: defaultWidgetUrl in src/plan/widgets.ts.
*/}}
{{- define "rasa.defaultWidgetUrl" -}}
{{- if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (ne .Values.ingress.tlsSecretName "")) .Values.ingress.host -}}
{{- else -}}
{{- printf "http://localhost:%v" .Values.service.port -}}
{{- end -}}
{{- end -}}

{{/*
The widgets with their defaults filled in, as a JSON list: what the minter signs, and what the
ConfigMap size rule measures.
Twin: resolveWidgets in src/plan/widgets.ts.
*/}}
{{- define "rasa.widgets" -}}
{{- $defaultUrl := include "rasa.defaultWidgetUrl" . -}}
{{- $widgets := list -}}
{{- range .Values.widgets -}}
{{- $widgets = append $widgets (dict
  "name" .name
  "url" (default $defaultUrl .url)
  "claims" (hasKey . "claims" | ternary .claims (dict "sender_id" "rasa-chat-widget"))
  "expiresIn" (default "" .expiresIn)
  "initialPayload" (default "" .initialPayload)) -}}
{{- end -}}
{{- toJson $widgets -}}
{{- end -}}

{{/*
minter.json: everything the minter needs but the key (see src/minter/input.ts).
Twin: minterInput in src/plan/minter-files.ts.
*/}}
{{- define "rasa.minterInput" -}}
{{- dict
  "configMap" (include "rasa.widgetsConfigMap" .)
  "labels" (include "rasa.objectLabels" (dict "ctx" . "component" "minter") | fromYaml)
  "keyEnv" .Values.socketio.jwtKey.envName
  "method" .Values.socketio.jwtMethod
  "widgets" (include "rasa.widgets" . | fromJsonArray) | toJson -}}
{{- end -}}

{{/*
keygen.json: the Secret the key generator ensures (see src/keygen/input.ts).
Twin: keygenInput in src/plan/minter-files.ts.
*/}}
{{- define "rasa.keygenInput" -}}
{{- $labels := include "rasa.objectLabels" (dict "ctx" . "component" "keygen") | fromYaml -}}
{{- dict "labels" $labels "method" .Values.socketio.jwtMethod "secretKey" .Values.socketio.jwtKey.secretKey "secretName" .Values.socketio.jwtKey.secretName | toJson -}}
{{- end -}}

{{/*
The key generator's annotations: keyGenerator.jobAnnotations and .rbacAnnotations, with the
deprecated minter.keygenJobAnnotations and .keygenRbacAnnotations applied over them as Helm applied
those over their defaults: an entry sets an annotation or, when null, removes it; the whole map set
to null (gone from .Values, as its default {} is not null) removes them all. As JSON.
Twin: keyGeneratorAnnotations in src/plan/key-generator.ts.
*/}}
{{- define "rasa.keyGeneratorAnnotations" -}}
{{- $out := dict -}}
{{- range $field, $deprecated := dict "jobAnnotations" "keygenJobAnnotations" "rbacAnnotations" "keygenRbacAnnotations" -}}
{{- $annotations := deepCopy (default dict (index $.Values.keyGenerator $field)) -}}
{{- if not (hasKey $.Values.minter $deprecated) -}}
{{- $annotations = dict -}}
{{- end -}}
{{- range $key, $value := index $.Values.minter $deprecated -}}
{{- if kindIs "invalid" $value -}}
{{- $_ := unset $annotations $key -}}
{{- else -}}
{{- $_ := set $annotations $key $value -}}
{{- end -}}
{{- end -}}
{{- $_ := set $out $field $annotations -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
The deprecated settings a values file sets, one warning each, as a YAML list for NOTES.txt. Each
is a map whose default is {}: it counts as set when it has entries, or is null (gone from .Values).
Twin: deprecationWarnings in src/settings/deprecations.ts, in the same words.
*/}}
{{- define "rasa.deprecationWarnings" -}}
{{- $warnings := list -}}
{{- range $old, $new := dict "keygenJobAnnotations" "jobAnnotations" "keygenRbacAnnotations" "rbacAnnotations" -}}
{{- if or (not (hasKey $.Values.minter $old)) (index $.Values.minter $old) -}}
{{- $warnings = append $warnings (printf "'%s' is deprecated and will be removed in a future version: use '%s' instead (until then, its entries are applied over it)" (printf "minter.%s" $old) (printf "keyGenerator.%s" $new)) -}}
{{- end -}}
{{- end -}}
{{- toYaml $warnings -}}
{{- end -}}

{{/*
A script Job's name ends in a hash of everything its pod runs with: a Job's pod template is
immutable, so a change must run a new Job. Hashes the same bytes as its twin.
Call with (dict "ctx" $ "input" INPUT_JSON "kind" "minter").
Twin: scriptJobName in src/plan/minter-files.ts.
*/}}
{{- define "rasa.scriptJobName" -}}
{{- $v := .ctx.Values -}}
{{- $inputs := dict
  "input" .input
  "script" (.ctx.Files.Get (printf "files/%s.mjs" .kind) | sha256sum)
  "minter" (omit $v.minter "keygenJobAnnotations" "keygenRbacAnnotations")
  "keyGenerator" (include "rasa.keyGeneratorAnnotations" .ctx | fromJson)
  "jwtKey" (dict "secretName" $v.socketio.jwtKey.secretName "secretKey" $v.socketio.jwtKey.secretKey)
  "commonLabels" $v.commonLabels
  "commonAnnotations" $v.commonAnnotations
  "appVersion" .ctx.Chart.AppVersion
  "literalKeySha256" ($v.socketio.jwtKey.literal | sha256sum) -}}
{{- printf "%s-%s-%s" (include "rasa.fullname" .ctx | trunc 41 | trimSuffix "-") .kind (toJson $inputs | sha256sum | trunc 10) -}}
{{- end -}}

{{/*
The Jobs that run a bundled program on the stock Node image, as a YAML list: the key generator
(files/keygen.mjs, with socketio.jwtKey.generate) and the minter (files/minter.mjs). Each gets its
own ServiceAccount, a Role on one object by name, a RoleBinding, a ConfigMap with the program and
its input, mounted at /<component>, and the Job; the script-*.yaml templates render them
(src/constructs/script-job.ts does the same).
Twin: keygenJob and minterJob in src/plan/script-jobs.ts, one entry each.
*/}}
{{- define "rasa.scriptJobs" -}}
{{- $jobs := list -}}
{{- if .Values.socketio.jwtKey.generate -}}
{{- $input := include "rasa.keygenInput" . -}}
{{- $annotations := include "rasa.keyGeneratorAnnotations" . | fromJson -}}
{{- $jobs = append $jobs (dict
  "component" "keygen"
  "name" (include "rasa.keygenName" .)
  "jobName" (include "rasa.scriptJobName" (dict "ctx" . "input" $input "kind" "keygen"))
  "resource" "secrets"
  "resourceName" .Values.socketio.jwtKey.secretName
  "input" $input
  "mountPath" "/keygen"
  "command" (list "node" "/keygen/keygen.mjs" "/keygen/keygen.json")
  "keyEnv" false
  "rbacAnnotations" $annotations.rbacAnnotations
  "jobAnnotations" $annotations.jobAnnotations) -}}
{{- end -}}
{{- if .Values.minter.enabled -}}
{{- $input := include "rasa.minterInput" . -}}
{{- $jobs = append $jobs (dict
  "component" "minter"
  "name" (include "rasa.minterName" .)
  "jobName" (include "rasa.scriptJobName" (dict "ctx" . "input" $input "kind" "minter"))
  "resource" "configmaps"
  "resourceName" (include "rasa.widgetsConfigMap" .)
  "input" $input
  "mountPath" "/minter"
  "command" (list "node" "/minter/minter.mjs" "/minter/minter.json")
  "keyEnv" true
  "rbacAnnotations" .Values.minter.rbacAnnotations
  "jobAnnotations" .Values.minter.jobAnnotations) -}}
{{- end -}}
{{- toYaml $jobs -}}
{{- end -}}

{{/*
The paths the Ingress routes to Rasa, in order, as a JSON list of {path, pathType, port}: the
socket.io path; /webhooks/ when channels has any channel (Rasa serves every input channel under
/webhooks/<name>/); / when ingress.exposeApi (the HTTP API has paths all over the root). A path
already routed is not routed twice.
Twin: ingressPaths in src/plan/ingress.ts.
*/}}
{{- define "rasa.ingressPaths" -}}
{{- $wanted := list .Values.socketio.socketioPath -}}
{{- if .Values.channels -}}
{{- $wanted = append $wanted "/webhooks/" -}}
{{- end -}}
{{- if .Values.ingress.exposeApi -}}
{{- $wanted = append $wanted "/" -}}
{{- end -}}
{{- $paths := list -}}
{{- range $path := uniq $wanted -}}
{{- $paths = append $paths (dict "path" $path "pathType" "Prefix" "port" $.Values.service.port) -}}
{{- end -}}
{{- toJson $paths -}}
{{- end -}}

{{/*
The Ingress's own annotations, as JSON: ingress-nginx's cookie affinity when
ingress.stickySessions, under ingress.annotations, which win.
Twin: ingressAnnotations (and STICKY_SESSION_ANNOTATIONS) in src/plan/ingress.ts.
*/}}
{{- define "rasa.ingressAnnotations" -}}
{{- $sticky := dict -}}
{{- if .Values.ingress.stickySessions -}}
{{- $sticky = dict "nginx.ingress.kubernetes.io/affinity" "cookie" "nginx.ingress.kubernetes.io/affinity-mode" "persistent"
  "nginx.ingress.kubernetes.io/session-cookie-name" "rasa-socketio" -}}
{{- end -}}
{{- merge (deepCopy (default dict .Values.ingress.annotations)) $sticky | toJson -}}
{{- end -}}
