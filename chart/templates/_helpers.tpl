{{/*
"rasa", or nameOverride: the app.kubernetes.io/name label. A literal, not .Chart.Name: the chart is
named rasa-socketio-jwt, and the objects keep the names and selectors they had as chart "rasa".
Twin: appName in src/plan/names.ts.
*/}}
{{- define "rasa.name" -}}
{{- default "rasa" .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
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
{{- $name := default "rasa" .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The output of (include NAME ARGS), rendered once per render: Helm hands every template of a render
the same root context, so later calls with the same KEY read it back from a map kept there. KEY
names everything in ARGS that the output depends on. Call with
(dict "ctx" $ "name" NAME "args" ARGS "key" KEY).
*/}}
{{- define "rasa.memo" -}}
{{- if not (hasKey .ctx "rasaMemo") -}}{{- $_ := set .ctx "rasaMemo" dict -}}{{- end -}}
{{- $key := printf "%s %s" .name .key -}}
{{- if not (hasKey .ctx.rasaMemo $key) -}}{{- $_ := set .ctx.rasaMemo $key (include .name .args) -}}{{- end -}}
{{- index .ctx.rasaMemo $key -}}
{{- end -}}

{{/*
A helper's JSON list (rasa.widgets, rasa.scriptJobs), parsed once per render into
$.rasaCache.<name> for the templates to read (and never change). Call with (list $ NAME); renders
nothing.
*/}}
{{- define "rasa.cacheList" -}}
{{- $ctx := index . 0 -}}
{{- $name := index . 1 -}}
{{- if not (hasKey $ctx "rasaCache") -}}{{- $_ := set $ctx "rasaCache" dict -}}{{- end -}}
{{- if not (hasKey $ctx.rasaCache $name) -}}{{- $_ := set $ctx.rasaCache $name (include $name $ctx | fromJsonArray) -}}{{- end -}}
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
`helm template | kubectl apply` path). The constructs never render that label. Rendered once per
component and render ("rasa.memo"). Call with (dict "ctx" $ "component" "server").
*/}}
{{- define "rasa.podTemplateLabels" -}}
{{- include "rasa.memo" (dict "ctx" .ctx "name" "rasa.podTemplateLabelsOnce" "args" . "key" .component) -}}
{{- end -}}

{{/* The body of "rasa.podTemplateLabels", which "rasa.memo" renders once per component. */}}
{{- define "rasa.podTemplateLabelsOnce" -}}
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
  {{- include "rasa.memo" (dict "ctx" .ctx "name" "rasa.labels" "args" (dict "ctx" .ctx "component" .component) "key" .component) | nindent 2 }}
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
container env, so the API token never sits in a spec. --cors takes rasa.cors and the demo page's
origins, each once.
Twin: rasaArgs in src/plan/rasa-server.ts.
*/}}
{{- define "rasa.serverArgs" -}}
{{- $rasa := .Values.rasa -}}
{{- $args := list "run" "--port" (toString $rasa.port) "--credentials" "/etc/rasa/credentials.yml" "--endpoints" "/etc/rasa/endpoints.yml" -}}
{{- if not $rasa.model.serverUrl -}}
{{- $args = concat $args (list "--model" (include "rasa.modelArg" $rasa)) -}}
{{- end -}}
{{- if $rasa.api.enabled -}}
{{- $args = concat $args (list "--enable-api" "--auth-token" "$(RASA_API_AUTH_TOKEN)") -}}
{{- end -}}
{{- with concat (default (list) $rasa.cors) (include "rasa.demoOrigins" . | fromJsonArray) | uniq -}}
{{- $args = concat $args (list "--cors") . -}}
{{- end -}}
{{- toYaml (concat $args (default (list) $rasa.extraArgs)) -}}
{{- end -}}

{{/*
The Rasa container's environment, in order: the JWT key from its Secret, the telemetry switch, the
licence, the API token and the model server's token (for endpoints.yml) when set, then the user's
extra variables.
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
{{- with $rasa.model -}}
{{- if and .serverUrl .serverToken.secretName -}}
{{- $env = append $env (dict "name" "RASA_MODEL_SERVER_TOKEN" "valueFrom" (dict "secretKeyRef" (dict "name" .serverToken.secretName "key" .serverToken.secretKey))) -}}
{{- end -}}
{{- end -}}
{{- toYaml (concat $env (include "rasa.extraEnv" $rasa.extraEnv | fromYamlArray)) -}}
{{- end -}}

{{/*
Variables of a section's extraEnv (rasa, actionServer), in order, as a YAML list: a plain value,
or a key of a Secret. Call with the list.
Twin: extraEnvVars in src/plan/rasa-server.ts.
*/}}
{{- define "rasa.extraEnv" -}}
{{- $env := list -}}
{{- range . -}}
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
endpoints.yml: the model server, if any, the chart's action server when it runs one, and the
user's other endpoints.
Twin: endpointsYaml in src/plan/rasa-files.ts.
*/}}
{{- define "rasa.endpoints" -}}
{{- $endpoints := deepCopy (default dict .Values.rasa.endpoints) -}}
{{- if .Values.actionServer.enabled -}}
{{- $_ := set $endpoints "action_endpoint" (dict "url" (include "rasa.actionEndpointUrl" .)) -}}
{{- end -}}
{{- with .Values.rasa.model -}}
{{- if .serverUrl -}}
{{- $models := dict "url" .serverUrl "wait_time_between_pulls" .waitTimeBetweenPulls -}}
{{- /* Unquoted, as jwt_key in credentials.yml: Rasa expands ${VAR} only in a plain scalar. */ -}}
{{- if .serverToken.secretName -}}{{- $_ := set $models "token" "${RASA_MODEL_SERVER_TOKEN}" -}}{{- end -}}
{{- $_ := set $endpoints "models" $models -}}
{{- end -}}
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
The claim mounted as the models volume (rasa.model.persistence): the existing one, or the one the
chart creates (model-pvc.yaml).
Twin: modelClaimName in src/plan/names.ts.
*/}}
{{- define "rasa.modelClaimName" -}}
{{- .Values.rasa.model.persistence.existingClaim | default (printf "%s-models" (include "rasa.fullname" .)) -}}
{{- end -}}

{{/*
"true" when the Rasa pod gets the models volume at /app/models: for a claim, or for a download to
land in; empty otherwise. Call with .Values.rasa.
Twin: hasModelsVolume in src/settings/model.ts.
*/}}
{{- define "rasa.hasModelsVolume" -}}
{{- if or .model.persistence.enabled .model.download.url -}}true{{- end -}}
{{- end -}}

{{/*
What `rasa run --model` gets (with no model server): the downloaded file, named by its SHA-256,
else rasa.model.path. Call with .Values.rasa.
Twin: modelArg in src/plan/model.ts.
*/}}
{{- define "rasa.modelArg" -}}
{{- if .model.download.url -}}
{{- printf "/app/models/%s.tar.gz" .model.download.sha256 -}}
{{- else -}}
{{- .model.path -}}
{{- end -}}
{{- end -}}

{{/*
The models volume as a YAML list of none or one: the claim, else an emptyDir for the download.
Twin: modelVolumes in src/plan/model.ts.
*/}}
{{- define "rasa.modelVolumes" -}}
{{- $volumes := list -}}
{{- if include "rasa.hasModelsVolume" .Values.rasa -}}
{{- if .Values.rasa.model.persistence.enabled -}}
{{- $volumes = list (dict "name" "models" "persistentVolumeClaim" (dict "claimName" (include "rasa.modelClaimName" .))) -}}
{{- else -}}
{{- $volumes = list (dict "name" "models" "emptyDir" dict) -}}
{{- end -}}
{{- end -}}
{{- toYaml $volumes -}}
{{- end -}}

{{/*
A container's mount of the models volume at /app/models, as a YAML list of none or one. Call with
.Values.rasa.
Twin: modelVolumeMounts in src/plan/model.ts.
*/}}
{{- define "rasa.modelVolumeMounts" -}}
{{- if include "rasa.hasModelsVolume" . -}}
{{- toYaml (list (dict "name" "models" "mountPath" "/app/models")) -}}
{{- else -}}
{{- toYaml list -}}
{{- end -}}
{{- end -}}

{{/*
The init container that fetches rasa.model.download.url into the models volume, as a YAML list of
none or one: the Rasa image's Python runs files/model-download.py, with the Rasa container's pull
policy, resources and security context.
Twin: modelDownloadContainers in src/plan/model.ts.
*/}}
{{- define "rasa.modelDownloadContainers" -}}
{{- $rasa := .Values.rasa -}}
{{- $download := $rasa.model.download -}}
{{- $containers := list -}}
{{- if $download.url -}}
{{- $container := dict
  "name" "model-download"
  "image" (include "rasa.image" $rasa.image)
  "imagePullPolicy" $rasa.image.pullPolicy
  "command" (list "python" "-c" (.Files.Get "files/model-download.py"))
  "args" (list $download.url $download.sha256 (include "rasa.modelArg" $rasa))
  "resources" (include "rasa.resources" $rasa.resources | fromYaml)
  "volumeMounts" (include "rasa.modelVolumeMounts" $rasa | fromYamlArray) -}}
{{- if $download.token.secretName -}}
{{- $_ := set $container "env" (list (dict "name" "MODEL_DOWNLOAD_TOKEN"
  "valueFrom" (dict "secretKeyRef" (dict "name" $download.token.secretName "key" $download.token.secretKey)))) -}}
{{- end -}}
{{- with $rasa.containerSecurityContext -}}
{{- $_ := set $container "securityContext" . -}}
{{- end -}}
{{- $containers = list $container -}}
{{- end -}}
{{- toYaml $containers -}}
{{- end -}}

{{/*
The Rasa container's probes, as YAML: start-up on GET /, liveness on the port accepting
connections (loading a model blocks Rasa's event loop), readiness on a loaded model: with the HTTP
API on, files/model-ready.py asks GET /status with the API token; without it, GET /.
Twin: serverProbes in src/plan/model.ts.
*/}}
{{- define "rasa.serverProbes" -}}
{{- $rasa := .Values.rasa -}}
{{- $httpGet := dict "httpGet" (dict "path" "/" "port" $rasa.port "scheme" "HTTP") -}}
{{- $readiness := $httpGet -}}
{{- if $rasa.api.enabled -}}
{{- $readiness = dict "exec" (dict "command" (list "python" "-c" (.Files.Get "files/model-ready.py") (toString $rasa.port) "RASA_API_AUTH_TOKEN")) -}}
{{- end -}}
{{- $probes := dict
  "startupProbe" (merge (dict) $httpGet)
  "livenessProbe" (dict "tcpSocket" (dict "port" $rasa.port))
  "readinessProbe" (merge (dict) $readiness) -}}
{{- range $name, $probe := $probes -}}
{{- $timing := index $rasa $name -}}
{{- $_ := set $probe "periodSeconds" $timing.periodSeconds -}}
{{- $_ := set $probe "failureThreshold" $timing.failureThreshold -}}
{{- $_ := set $probe "timeoutSeconds" 5 -}}
{{- end -}}
{{- toYaml $probes -}}
{{- end -}}

{{/*
Says that Rasa will find no model, as a YAML list of none or one warning for NOTES.txt: the image is
a stock one (rasa/rasa or rasa/rasa-pro, which hold none) and no other source is set.
Twin: modelSourceWarnings in src/settings/model.ts, in the same words.
*/}}
{{- define "rasa.modelSourceWarnings" -}}
{{- $rasa := .Values.rasa -}}
{{- $model := $rasa.model -}}
{{- $warnings := list -}}
{{- if and (regexMatch "(^|/)rasa/rasa(-pro)?$" $rasa.image.repository) (not (or $model.serverUrl $model.download.url $model.persistence.enabled)) -}}
{{- $warnings = append $warnings (printf "the image %s holds no model and no model source is set, so Rasa will have none to load (without rasa.api.enabled it exits at start). Set rasa.model.download.url with its sha256, rasa.model.persistence, rasa.model.serverUrl, or an image with the model in it (see \"Getting a model in\" in the README)" $rasa.image.repository) -}}
{{- end -}}
{{- toYaml $warnings -}}
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
Name of the re-mint CronJob: Kubernetes refuses CronJob names over 52 characters, so the fullname
is cut to 45; no hash, since a CronJob is updated in place.
Twin: remintName in src/plan/names.ts.
*/}}
{{- define "rasa.remintName" -}}
{{- printf "%s-remint" (include "rasa.fullname" . | trunc 45 | trimSuffix "-") -}}
{{- end -}}

{{/*
The re-mint CronJob's schedule: minter.schedule when set; else, when a widget expires, the least
frequent schedule of the list whose period (in seconds) is at most a quarter of the shortest
lifetime; else empty (no CronJob). A lifetime over the 10-year bound counts for nothing (a rule
refuses it), and one under 4m is refused by rule widgetLifetimeTooShortToRemint.
Twin: remintSchedule (and REMINT_SCHEDULES) in src/plan/remint.ts.
*/}}
{{- define "rasa.remintSchedule" -}}
{{- $minter := .Values.minter -}}
{{- if and $minter.enabled $minter.schedule -}}
{{- $minter.schedule -}}
{{- else if $minter.enabled -}}
{{- $shortest := 0 -}}
{{- range .Values.widgets -}}
{{- with .expiresIn -}}
{{- $digits := regexFind "^[0-9]+" . -}}
{{- if le (len $digits) 9 -}}
{{- $seconds := mul (int64 $digits) (get (dict "s" 1 "m" 60 "h" 3600 "d" 86400 "w" 604800) (trimPrefix $digits .)) -}}
{{- if and (le $seconds 315360000) (or (eq $shortest 0) (lt $seconds $shortest)) -}}
{{- $shortest = $seconds -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if gt $shortest 0 -}}
{{- $period := div $shortest 4 -}}
{{- $schedule := "* * * * *" -}}
{{- range $step := list
  (list 60 "* * * * *") (list 120 "*/2 * * * *") (list 180 "*/3 * * * *") (list 240 "*/4 * * * *")
  (list 300 "*/5 * * * *") (list 360 "*/6 * * * *") (list 600 "*/10 * * * *") (list 720 "*/12 * * * *")
  (list 900 "*/15 * * * *") (list 1200 "*/20 * * * *") (list 1800 "*/30 * * * *") (list 3600 "0 * * * *")
  (list 7200 "0 */2 * * *") (list 10800 "0 */3 * * *") (list 14400 "0 */4 * * *") (list 21600 "0 */6 * * *")
  (list 28800 "0 */8 * * *") (list 43200 "0 */12 * * *") (list 86400 "0 0 * * *") (list 604800 "0 0 * * 0") -}}
{{- if le (int64 (index $step 0)) $period -}}
{{- $schedule = index $step 1 -}}
{{- end -}}
{{- end -}}
{{- $schedule -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Annotations of the minter's ServiceAccount, Role, RoleBinding and files ConfigMap, as JSON:
minter.rbacAnnotations, less Helm's hook annotations when the re-mint CronJob runs. Its runs need
those objects long after the minter Job, and a hook's would be deleted once the Job succeeds (by
Helm, and by Argo CD, which reads Helm's hook annotations as its own).
Twin: minterRbacAnnotations in src/plan/script-jobs.ts.
*/}}
{{- define "rasa.minterRbacAnnotations" -}}
{{- $annotations := deepCopy (default dict .Values.minter.rbacAnnotations) -}}
{{- if include "rasa.remintSchedule" . -}}
{{- range $key := keys $annotations -}}
{{- if hasPrefix "helm.sh/hook" $key -}}
{{- $_ := unset $annotations $key -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $annotations -}}
{{- end -}}

{{/*
Name of the key generator's ServiceAccount, Role, RoleBinding and files ConfigMap.
Twin: keygenName in src/plan/names.ts.
*/}}
{{- define "rasa.keygenName" -}}
{{- printf "%s-keygen" (include "rasa.fullname" .) -}}
{{- end -}}

{{/*
Name of the action server's Deployment and Service: a Service name is a DNS label of at most 63
characters, so the fullname is cut to 55 to leave room for "-actions".
Twin: actionServerName in src/plan/names.ts.
*/}}
{{- define "rasa.actionServerName" -}}
{{- printf "%s-actions" (include "rasa.fullname" . | trunc 55 | trimSuffix "-") -}}
{{- end -}}

{{/*
The URL Rasa calls the actions at (endpoints.yml's action_endpoint.url): the action server's
Service by its cluster DNS name.
Twin: actionEndpointUrl in src/plan/action-server.ts.
*/}}
{{- define "rasa.actionEndpointUrl" -}}
{{- printf "http://%s.%s.svc:%d/webhook" (include "rasa.actionServerName" .) .Release.Namespace (int .Values.actionServer.port) -}}
{{- end -}}

{{/*
The action server's args, after the image's entry point (rasa/rasa-sdk's ./entrypoint.sh, whose
`start` runs python -m rasa_sdk): the actions package at /app/actions, and the port.
Twin: actionServerArgs in src/plan/action-server.ts.
*/}}
{{- define "rasa.actionServerArgs" -}}
{{- toYaml (list "start" "--actions" "actions" "--port" (toString .Values.actionServer.port)) -}}
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
{{- /* Written out entry by entry: appending to a list copies it, which takes quadratic time. */ -}}
[{{- range $i, $w := .Values.widgets -}}
{{- if $i -}},{{- end -}}
{{- toJson (dict
  "name" $w.name
  "url" (default $defaultUrl $w.url)
  "claims" (hasKey $w "claims" | ternary $w.claims (dict "sender_id" "rasa-chat-widget"))
  "expiresIn" (default "" $w.expiresIn)
  "initialPayload" (default "" $w.initialPayload)) -}}
{{- end -}}]
{{- end -}}

{{/*
minter.json: everything the minter needs but the key (see src/minter/input.ts).
Twin: minterInput in src/plan/minter-files.ts.
*/}}
{{- define "rasa.minterInput" -}}
{{- include "rasa.cacheList" (list . "rasa.widgets") -}}
{{- dict
  "configMap" (include "rasa.widgetsConfigMap" .)
  "labels" (include "rasa.objectLabels" (dict "ctx" . "component" "minter") | fromYaml)
  "keyEnv" .Values.socketio.jwtKey.envName
  "method" .Values.socketio.jwtMethod
  "restartDeployment" (ternary (include "rasa.fullname" .) "" .Values.minter.restartOnKeyChange)
  "widgets" (index .rasaCache "rasa.widgets") | toJson -}}
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
{{- $warnings = append $warnings (printf "'%s' is deprecated and will be removed in 0.2.0: use '%s' instead (until then, its entries are applied over it)" (printf "minter.%s" $old) (printf "keyGenerator.%s" $new)) -}}
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
  "scheduling" (include "rasa.jobScheduling" .ctx | fromJson)
  "keyGenerator" (include "rasa.keyGeneratorAnnotations" .ctx | fromJson)
  "jwtKey" (dict "secretName" $v.socketio.jwtKey.secretName "secretKey" $v.socketio.jwtKey.secretKey)
  "commonLabels" $v.commonLabels
  "commonAnnotations" $v.commonAnnotations
  "appVersion" .ctx.Chart.AppVersion
  "literalKeySha256" ($v.socketio.jwtKey.literal | sha256sum) -}}
{{- printf "%s-%s-%s" (include "rasa.fullname" .ctx | trunc 41 | trimSuffix "-") .kind (toJson $inputs | sha256sum | trunc 10) -}}
{{- end -}}

{{/*
Where the pods of every Job of the chart run and the Secrets their image is pulled with, as JSON:
each of minter.imagePullSecrets, nodeSelector, tolerations, affinity and priorityClassName, or the
rasa one when it is unset (null, which Helm keeps as no value). An empty one means none.
Twin: jobScheduling in src/plan/job-scheduling.ts.
*/}}
{{- define "rasa.jobScheduling" -}}
{{- $out := dict -}}
{{- range $field := list "imagePullSecrets" "nodeSelector" "tolerations" "affinity" "priorityClassName" -}}
{{- $value := index $.Values.minter $field -}}
{{- if kindIs "invalid" $value -}}
{{- $value = index $.Values.rasa $field -}}
{{- end -}}
{{- $_ := set $out $field $value -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
The Jobs that run a bundled program on the stock Node image, as a JSON list (the templates read it
parsed once per render: include "rasa.cacheList" (list $ "rasa.scriptJobs"), then
$.rasaCache "rasa.scriptJobs"): the key generator
(files/keygen.mjs, with socketio.jwtKey.generate) and the minter (files/minter.mjs). Each gets its
own ServiceAccount, a Role whose rules each name one object, a RoleBinding, a ConfigMap with the
program and its input, mounted at /<component>, and the Job; script-objects.yaml renders
them (src/constructs/script-job.ts does the same). `create` because a server-side apply of a
missing object creates it; with minter.restartOnKeyChange the minter may also get and patch the
Rasa Deployment, to restart its pods on a new key.
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
  "rules" (list (dict "apiGroup" "" "resource" "secrets" "resourceName" .Values.socketio.jwtKey.secretName "verbs" (list "get" "patch" "create")))
  "input" $input
  "mountPath" "/keygen"
  "command" (list "node" "/keygen/keygen.mjs" "/keygen/keygen.json")
  "keyEnv" false
  "rbacAnnotations" $annotations.rbacAnnotations
  "jobAnnotations" $annotations.jobAnnotations) -}}
{{- end -}}
{{- if .Values.minter.enabled -}}
{{- $input := include "rasa.minterInput" . -}}
{{- $rules := list (dict "apiGroup" "" "resource" "configmaps" "resourceName" (include "rasa.widgetsConfigMap" .) "verbs" (list "get" "patch" "create")) -}}
{{- if .Values.minter.restartOnKeyChange -}}
{{- $rules = append $rules (dict "apiGroup" "apps" "resource" "deployments" "resourceName" (include "rasa.fullname" .) "verbs" (list "get" "patch")) -}}
{{- end -}}
{{- $jobs = append $jobs (dict
  "component" "minter"
  "name" (include "rasa.minterName" .)
  "jobName" (include "rasa.scriptJobName" (dict "ctx" . "input" $input "kind" "minter"))
  "rules" $rules
  "input" $input
  "mountPath" "/minter"
  "command" (list "node" "/minter/minter.mjs" "/minter/minter.json")
  "keyEnv" true
  "rbacAnnotations" (include "rasa.minterRbacAnnotations" . | fromJson)
  "jobAnnotations" .Values.minter.jobAnnotations) -}}
{{- end -}}
{{- toJson $jobs -}}
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

{{/*
The NetworkPolicies of the bot, as a JSON list of {name, component, podSelector, annotations, ingress, egress}
(parsed once per render: include "rasa.cacheList" (list $ "rasa.networkPolicies")),
with bitnami's meaning of the networkPolicy settings: the Rasa pods take connections on rasa.port
from anyone (allowExternal), or from pods labelled <fullname>-client: "true" (the fullname cut to
56 characters) and those ingressNSMatchLabels (and ingressNSPodMatchLabels) select, then
extraIngress; they connect anywhere (allowExternalEgress), or to DNS, the action server, the ports
of the model's URLs and extraEgress. The action server takes connections from the Rasa pods only; the demo page on demo.port from those who may reach Rasa, and opens none.
The Jobs take none and connect to DNS and kubeAPIServerPorts only (after kube-proxy's translation
the API server is a node's or the control plane's address, which no pod selector names); their
policies are annotated as their ServiceAccounts and Roles (Helm hooks before the Job by default).
Twin: networkPolicies in src/plan/network-policy.ts.
*/}}
{{- define "rasa.networkPolicies" -}}
{{- $np := .Values.networkPolicy -}}
{{- $policies := list -}}
{{- if $np.enabled -}}
{{- $fullname := include "rasa.fullname" . -}}
{{- $selector := dict -}}
{{- range $component := list "server" "action-server" "demo" "minter" "keygen" -}}
{{- $_ := set $selector $component (include "rasa.selectorLabels" (dict "ctx" $ "component" $component) | fromYaml) -}}
{{- end -}}
{{- $dns := dict "ports" (list (dict "port" 53 "protocol" "UDP") (dict "port" 53 "protocol" "TCP")) -}}
{{- $rasaRule := dict "ports" (list (dict "port" (int64 .Values.rasa.port) "protocol" "TCP")) -}}
{{- if not $np.allowExternal -}}
{{- $from := list (dict "podSelector" (dict "matchLabels" (dict (printf "%s-client" ($fullname | trunc 56 | trimSuffix "-")) "true"))) -}}
{{- with $np.ingressNSMatchLabels -}}
{{- $source := dict "namespaceSelector" (dict "matchLabels" .) -}}
{{- with $np.ingressNSPodMatchLabels -}}
{{- $_ := set $source "podSelector" (dict "matchLabels" .) -}}
{{- end -}}
{{- $from = append $from $source -}}
{{- end -}}
{{- $_ := set $rasaRule "from" $from -}}
{{- end -}}
{{- $rasaEgress := list -}}
{{- if .Values.actionServer.enabled -}}
{{- $rasaEgress = append $rasaEgress (dict
  "to" (list (dict "podSelector" (dict "matchLabels" (index $selector "action-server"))))
  "ports" (list (dict "port" (int64 .Values.actionServer.port) "protocol" "TCP"))) -}}
{{- end -}}
{{- /* Twin: modelSourcePorts and urlPort in src/plan/network-policy.ts. */ -}}
{{- $modelPorts := list -}}
{{- range $url := list .Values.rasa.model.serverUrl .Values.rasa.model.download.url -}}
{{- $prefix := regexFind "^https?://[^/?#]*" $url -}}
{{- if $prefix -}}
{{- $scheme := regexFind "^https?" $prefix -}}
{{- $hostPort := regexReplaceAll "(?s)^.*@" (trimPrefix (printf "%s://" $scheme) $prefix) "" -}}
{{- $explicit := regexFind ":[0-9]+$" $hostPort -}}
{{- $port := ternary (atoi (trimPrefix ":" $explicit)) (ternary 443 80 (eq $scheme "https")) (ne $explicit "") -}}
{{- if and (ge $port 1) (le $port 65535) (not (has $port $modelPorts)) -}}
{{- $modelPorts = append $modelPorts $port -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $modelPorts -}}
{{- $ports := list -}}
{{- range $modelPorts -}}{{- $ports = append $ports (dict "port" . "protocol" "TCP") -}}{{- end -}}
{{- $rasaEgress = append $rasaEgress (dict "ports" $ports) -}}
{{- end -}}
{{- $openEgress := list (dict) -}}
{{- $policies = append $policies (dict "name" $fullname "component" "server" "podSelector" $selector.server "annotations" dict
  "ingress" (concat (list $rasaRule) $np.extraIngress)
  "egress" (ternary $openEgress (concat (list $dns) $rasaEgress $np.extraEgress) $np.allowExternalEgress)) -}}
{{- if .Values.actionServer.enabled -}}
{{- $policies = append $policies (dict "name" (include "rasa.actionServerName" .) "component" "action-server"
  "podSelector" (index $selector "action-server") "annotations" dict
  "ingress" (list (dict "from" (list (dict "podSelector" (dict "matchLabels" $selector.server)))
    "ports" (list (dict "port" (int64 .Values.actionServer.port) "protocol" "TCP"))))
  "egress" (ternary $openEgress (concat (list $dns) $np.extraEgress) $np.allowExternalEgress)) -}}
{{- end -}}
{{- if .Values.demo.enabled -}}
{{- $demoRule := dict "ports" (list (dict "port" (int64 .Values.demo.port) "protocol" "TCP")) -}}
{{- with $rasaRule.from -}}{{- $_ := set $demoRule "from" . -}}{{- end -}}
{{- $policies = append $policies (dict "name" (include "rasa.demoName" .) "component" "demo" "podSelector" $selector.demo
  "annotations" dict "ingress" (list $demoRule) "egress" list) -}}
{{- end -}}
{{- $apiPorts := list -}}
{{- range $np.kubeAPIServerPorts -}}{{- $apiPorts = append $apiPorts (dict "port" (int64 .) "protocol" "TCP") -}}{{- end -}}
{{- $toApiServer := list $dns (dict "ports" $apiPorts) -}}
{{- if .Values.socketio.jwtKey.generate -}}
{{- $policies = append $policies (dict "name" (include "rasa.keygenName" .) "component" "keygen" "podSelector" $selector.keygen
  "annotations" (include "rasa.keyGeneratorAnnotations" . | fromJson).rbacAnnotations "egress" $toApiServer) -}}
{{- end -}}
{{- if .Values.minter.enabled -}}
{{- $policies = append $policies (dict "name" (include "rasa.minterName" .) "component" "minter" "podSelector" $selector.minter
  "annotations" (include "rasa.minterRbacAnnotations" . | fromJson) "egress" $toApiServer) -}}
{{- end -}}
{{- end -}}
{{- toJson $policies -}}
{{- end -}}

{{/*
The demo page's Deployment, Service and files ConfigMap; the fullname is cut to 58 so that the
Service name keeps to the 63 characters of a DNS label.
Twin: demoName in src/plan/names.ts.
*/}}
{{- define "rasa.demoName" -}}
{{- printf "%s-demo" (include "rasa.fullname" . | trunc 58 | trimSuffix "-") -}}
{{- end -}}

{{/*
The widget the demo page shows: demo.widget, else the first widget.
Twin: demoWidget in src/plan/demo.ts.
*/}}
{{- define "rasa.demoWidget" -}}
{{- if .Values.demo.widget -}}
{{- .Values.demo.widget -}}
{{- else if .Values.widgets -}}
{{- (first .Values.widgets).name -}}
{{- end -}}
{{- end -}}

{{/*
The demo page's origins, which Rasa allows (CORS) while the page is on, as a JSON list: the page as
`kubectl port-forward` serves it, by either name of the loopback address.
Twin: demoOrigins in src/plan/demo.ts.
*/}}
{{- define "rasa.demoOrigins" -}}
{{- $origins := list -}}
{{- if .Values.demo.enabled -}}
{{- $origins = list (printf "http://localhost:%v" .Values.demo.port) (printf "http://127.0.0.1:%v" .Values.demo.port) -}}
{{- end -}}
{{- toJson $origins -}}
{{- end -}}

{{/*
demo.json: the widget, where the minter's ConfigMap is mounted, and what the page says about
reaching Rasa (see src/demo/input.ts).
Twin: demoInput in src/plan/demo.ts.
*/}}
{{- define "rasa.demoInput" -}}
{{- dict
  "configMap" (include "rasa.widgetsConfigMap" .)
  "namespace" .Release.Namespace
  "port" .Values.demo.port
  "rasaService" (include "rasa.fullname" .)
  "rasaServicePort" .Values.service.port
  "widget" (include "rasa.demoWidget" .)
  "widgetsDir" "/widgets" | toJson -}}
{{- end -}}
