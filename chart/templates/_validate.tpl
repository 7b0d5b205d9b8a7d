{{/*
Rules the schema cannot say, in the same words as the constructs: a values file is refused alike
by `helm` and by `synth`. Each check is the twin of the rule of the same id in RULES
(src/settings/rules.ts) or CLAIM_RULES (claims.ts), marked `rule: <id>` and in the same order,
and takes its message from "rasa.ruleMessages"; test/chart/rules-table.test.ts pairs them.
Rendered by validate.yaml, which fails the release with every message at once.
*/}}
{{- define "rasa.validateValues" -}}
{{- $v := .Values -}}
{{- $msg := include "rasa.ruleMessages" . | fromYaml -}}
{{- $problems := list -}}
{{- range $field := list "nameOverride" "fullnameOverride" -}}
{{- $value := index $v $field -}}
{{- /* rule: nameNotADnsLabel */ -}}
{{- if and $value (or (gt (len $value) 63) (not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" $value))) -}}
{{- $problems = append $problems (printf $msg.nameNotADnsLabel $field $value) -}}
{{- end -}}
{{- end -}}
{{- /* rule: fullnameStartsWithDigit */ -}}
{{- if regexMatch "^[0-9]" (toString $v.fullnameOverride) -}}
{{- $problems = append $problems (printf $msg.fullnameStartsWithDigit $v.fullnameOverride) -}}
{{- end -}}
{{- $key := $v.socketio.jwtKey -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "msg" $msg
  "nameField" "socketio.jwtKey.secretName" "name" $key.secretName
  "keyField" "socketio.jwtKey.secretKey" "key" $key.secretKey
  "what" "the JWT key" "consequence" "without a key the socketio channel would be open to anyone"
) | fromYamlArray) -}}
{{- /* rule: literalKeyTooShort */ -}}
{{- $needed := get (dict "HS256" 32 "HS384" 48 "HS512" 64) $v.socketio.jwtMethod | default 32 -}}
{{- if and $key.literal (lt (len $key.literal) (int $needed)) -}}
{{- $problems = append $problems
  (printf $msg.literalKeyTooShort (len $key.literal) $v.socketio.jwtMethod (int $needed)) -}}
{{- end -}}
{{- /* rule: keyGeneratedAndGiven */ -}}
{{- if and $key.generate $key.literal -}}
{{- $problems = append $problems $msg.keyGeneratedAndGiven -}}
{{- end -}}
{{- /* rule: socketioInChannels */ -}}
{{- if hasKey (default dict $v.channels) "socketio" -}}
{{- $problems = append $problems $msg.socketioInChannels -}}
{{- end -}}
{{- /* rule: jwtKeyInChannels */ -}}
{{- range $path := include "rasa.pathsOfJwtKey" (dict "value" (default dict $v.channels) "at" "channels") | fromYamlArray -}}
{{- $problems = append $problems (printf $msg.jwtKeyInChannels $path) -}}
{{- end -}}
{{- $rasa := $v.rasa -}}
{{- /* rule: modelsInEndpoints */ -}}
{{- if hasKey (default dict $rasa.endpoints) "models" -}}
{{- $problems = append $problems $msg.modelsInEndpoints -}}
{{- end -}}
{{- $actionServer := $v.actionServer -}}
{{- /* rule: actionEndpointWithActionServer */ -}}
{{- if and $actionServer.enabled (hasKey (default dict $rasa.endpoints) "action_endpoint") -}}
{{- $problems = append $problems $msg.actionEndpointWithActionServer -}}
{{- end -}}
{{- /* How many pods can run: "rasa.podCount" (_helpers.tpl), twin of src/settings/pod-count.ts. */ -}}
{{- $pods := include "rasa.podCount" $rasa | fromJson -}}
{{- /* rule: replicasWithoutSharedStore */ -}}
{{- if gt (int $pods.most) 1 -}}
{{- $onePod := ternary "rasa.autoscaling.enabled=false" "rasa.replicaCount=1" $rasa.autoscaling.enabled -}}
{{- range $store := list "tracker_store" "lock_store" -}}
{{- if not (hasKey (default dict $rasa.endpoints) $store) -}}
{{- $problems = append $problems
  (printf $msg.replicasWithoutSharedStore $pods.mostSetting (int $pods.most) $store (replace "_" " " $store) $onePod) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* rule: disruptionBudgetBlocksDrain */ -}}
{{- /* The autoscaler may keep only its minimum up, so the budget must let one of those go. */ -}}
{{- $pdb := $rasa.podDisruptionBudget -}}
{{- if and $pdb.enabled (gt (int $pods.most) 1) (ge (int $pdb.minAvailable) (int $pods.fewest)) -}}
{{- $fix := ternary "rasa.podDisruptionBudget.minAvailable=1" (printf "%s=2" $pods.fewestSetting) (gt (int $pods.fewest) 1) -}}
{{- $problems = append $problems
  (printf $msg.disruptionBudgetBlocksDrain (int $pdb.minAvailable) $pods.fewestSetting (int $pods.fewest) $fix) -}}
{{- end -}}
{{- /* rule: rollingUpdateCannotProceed */ -}}
{{- /* Kubernetes refuses an update that could neither start a pod nor stop one. */ -}}
{{- if and (has (toString $rasa.rollingUpdate.maxSurge) (list "0" "0%")) (has (toString $rasa.rollingUpdate.maxUnavailable) (list "0" "0%")) -}}
{{- $problems = append $problems $msg.rollingUpdateCannotProceed -}}
{{- end -}}
{{- /* rule: preStopDelayNotInGracePeriod */ -}}
{{- $grace := int64 $rasa.terminationGracePeriodSeconds -}}
{{- $preStop := int64 $rasa.preStopDelaySeconds -}}
{{- if and (gt $preStop 0) (le $grace $preStop) -}}
{{- $problems = append $problems (printf $msg.preStopDelayNotInGracePeriod $grace $preStop (add $preStop 30)) -}}
{{- end -}}
{{- $autoscaling := $rasa.autoscaling -}}
{{- if $autoscaling.enabled -}}
{{- /* rule: autoscalingMaxBelowMin */ -}}
{{- if lt (int $autoscaling.maxReplicas) (int $autoscaling.minReplicas) -}}
{{- $problems = append $problems
  (printf $msg.autoscalingMaxBelowMin (int $autoscaling.maxReplicas) (int $autoscaling.minReplicas)) -}}
{{- end -}}
{{- /* rule: autoscalingWithoutTarget */ -}}
{{- if not (or $autoscaling.targetCPUUtilizationPercentage $autoscaling.targetMemoryUtilizationPercentage) -}}
{{- $problems = append $problems $msg.autoscalingWithoutTarget -}}
{{- end -}}
{{- /* rule: autoscalingTargetWithoutRequest */ -}}
{{- /* Utilisation is use over request: without a request the autoscaler has nothing to divide by. */ -}}
{{- range $target := list
  (dict "setting" "targetCPUUtilizationPercentage" "resource" "cpu" "example" "500m")
  (dict "setting" "targetMemoryUtilizationPercentage" "resource" "memory" "example" "1Gi") -}}
{{- if and (index $autoscaling $target.setting) (eq (toString (get $rasa.resources.requests $target.resource)) "") -}}
{{- $problems = append $problems
  (printf $msg.autoscalingTargetWithoutRequest $target.setting $target.resource $target.example) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $model := $rasa.model -}}
{{- /* rule: modelDownloadWithoutSha256 */ -}}
{{- if and $model.download.url (not $model.download.sha256) -}}
{{- $problems = append $problems $msg.modelDownloadWithoutSha256 -}}
{{- end -}}
{{- if $model.serverUrl -}}
{{- range $local := list (list "rasa.model.download.url" (ne $model.download.url "") "rasa.model.download.url=")
  (list "rasa.model.persistence.enabled" $model.persistence.enabled "rasa.model.persistence.enabled=false") -}}
{{- /* rule: modelServerWithLocalModel */ -}}
{{- if index $local 1 -}}
{{- $problems = append $problems (printf $msg.modelServerWithLocalModel (index $local 0) (index $local 2)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* rule: modelServerWithoutApi */ -}}
{{- /* Only /status tells whether a model is loaded; an httpGet probe cannot read the API token. */ -}}
{{- if and $model.serverUrl (not $rasa.api.enabled) -}}
{{- $problems = append $problems $msg.modelServerWithoutApi -}}
{{- end -}}
{{- range $ref := list
  (dict "field" "rasa.model.download.token" "ref" $model.download.token "what" "the download token" "consequence" "the download would be sent without it")
  (dict "field" "rasa.model.serverToken" "ref" $model.serverToken "what" "the model server's token" "consequence" "Rasa would not start") -}}
{{- if $ref.ref.secretName -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "msg" $msg
  "nameField" (printf "%s.secretName" $ref.field) "name" $ref.ref.secretName
  "keyField" (printf "%s.secretKey" $ref.field) "key" $ref.ref.secretKey
  "what" $ref.what "consequence" $ref.consequence
) | fromYamlArray) -}}
{{- end -}}
{{- end -}}
{{- $persistence := $model.persistence -}}
{{- /* rule: modelExistingClaimInvalid */ -}}
{{- if and $persistence.existingClaim (not (include "rasa.isDnsName" $persistence.existingClaim)) -}}
{{- $problems = append $problems (printf $msg.notADnsName "rasa.model.persistence.existingClaim" $persistence.existingClaim) -}}
{{- end -}}
{{- /* rule: modelClaimNotShared */ -}}
{{- /* An existing claim's modes are not in the values: the README says what it needs. */ -}}
{{- if and $persistence.enabled (not $persistence.existingClaim) (gt (int $pods.most) 1) (not (has "ReadWriteMany" $persistence.accessModes)) -}}
{{- $onePod := ternary "rasa.autoscaling.enabled=false" "rasa.replicaCount=1" $rasa.autoscaling.enabled -}}
{{- $problems = append $problems
  (printf $msg.modelClaimNotShared (join ", " $persistence.accessModes) $pods.mostSetting (int $pods.most) $onePod) -}}
{{- end -}}
{{- if $rasa.api.enabled -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "msg" $msg
  "nameField" "rasa.api.tokenSecretName" "name" $rasa.api.tokenSecretName
  "keyField" "rasa.api.tokenSecretKey" "key" $rasa.api.tokenSecretKey
  "what" "the API token" "consequence" "the HTTP API would be open to anyone"
) | fromYamlArray) -}}
{{- end -}}
{{- $license := $rasa.license -}}
{{- if $license.secretName -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "msg" $msg
  "nameField" "rasa.license.secretName" "name" $license.secretName
  "keyField" "rasa.license.secretKey" "key" $license.secretKey
  "what" "the licence" "consequence" "Rasa Pro will not start"
) | fromYamlArray) -}}
{{- /* rule: rasaProWithoutLicence */ -}}
{{- else if regexMatch "(^|/)rasa-pro$" $rasa.image.repository -}}
{{- $problems = append $problems (printf $msg.rasaProWithoutLicence $rasa.image.repository) -}}
{{- end -}}
{{- $envNames := list $key.envName -}}
{{- /* rule: licenceEnvNameTaken */ -}}
{{- if $license.secretName -}}
{{- if has $license.envName $envNames -}}
{{- $problems = append $problems (printf $msg.licenceEnvNameTaken $license.envName) -}}
{{- end -}}
{{- $envNames = append $envNames $license.envName -}}
{{- end -}}
{{- if and $rasa.model.serverUrl $rasa.model.serverToken.secretName -}}
{{- $envNames = append $envNames "RASA_MODEL_SERVER_TOKEN" -}}
{{- end -}}
{{- /* rule: apiFlagInExtraArgs */ -}}
{{- /* Only rasa.api may turn the HTTP API on or set its token (twin: API_FLAGS in src/settings/rules.ts). */ -}}
{{- range $i, $arg := $rasa.extraArgs -}}
{{- $flag := regexFind "^(--enable-api|--auth-token|-t)(=|$)" (toString $arg) | trimSuffix "=" -}}
{{- if $flag -}}
{{- $problems = append $problems (printf $msg.apiFlagInExtraArgs (printf "rasa.extraArgs[%d]" $i) $flag) -}}
{{- end -}}
{{- end -}}
{{- $problems = concat $problems (include "rasa.extraEnvProblems" (dict "msg" $msg "at" "rasa" "env" $rasa.extraEnv
  "taken" $envNames "refusesApiToken" true) | fromYamlArray) -}}
{{- /* The action server's container has no variable of the chart's. */ -}}
{{- if $actionServer.enabled -}}
{{- $problems = concat $problems (include "rasa.extraEnvProblems" (dict "msg" $msg "at" "actionServer"
  "env" $actionServer.extraEnv "taken" list "refusesApiToken" false) | fromYamlArray) -}}
{{- end -}}
{{- /* rule: serviceAccountNameInvalid */ -}}
{{- $serviceAccount := $rasa.serviceAccount.name -}}
{{- if and $serviceAccount (not (include "rasa.isDnsName" $serviceAccount)) -}}
{{- $problems = append $problems (printf $msg.notADnsName "rasa.serviceAccount.name" $serviceAccount) -}}
{{- end -}}
{{- /* rule: imagePullSecretInvalid */ -}}
{{- range $section := concat (list "rasa" "minter") (ternary (list "actionServer") list $actionServer.enabled) -}}
{{- range $i, $name := index $v $section "imagePullSecrets" -}}
{{- if not (include "rasa.isDnsName" $name) -}}
{{- $problems = append $problems (printf $msg.notADnsName (printf "%s.imagePullSecrets[%d]" $section $i) $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* The Rasa pod's own containers, volumes and mount paths, as deployment.yaml renders them
(twin: rasaPod in src/settings/pod-extensions.ts). */ -}}
{{- $ownVolumes := list "config" "tmp" "home-config" "home-cache" -}}
{{- $ownPaths := list "/etc/rasa" "/tmp" "/app/.config" "/app/.cache" -}}
{{- $ownInit := list -}}
{{- if or $rasa.model.persistence.enabled $rasa.model.download.url -}}
{{- $ownVolumes = append $ownVolumes "models" -}}
{{- $ownPaths = append $ownPaths "/app/models" -}}
{{- if $rasa.model.download.url -}}{{- $ownInit = list "model-download" -}}{{- end -}}
{{- end -}}
{{- $problems = concat $problems (include "rasa.podExtensionProblems" (dict "msg" $msg "at" "rasa" "section" $rasa
  "mainContainer" "rasa" "volumes" $ownVolumes "mountPaths" $ownPaths "initContainers" $ownInit
) | fromYamlArray) -}}
{{- /* The action server pod's own, as action-server-deployment.yaml renders them (twin: ACTION_SERVER_POD). */ -}}
{{- if $actionServer.enabled -}}
{{- $problems = concat $problems (include "rasa.podExtensionProblems" (dict "msg" $msg "at" "actionServer"
  "section" $actionServer "mainContainer" "action-server" "volumes" (list "tmp") "mountPaths" (list "/tmp")
) | fromYamlArray) -}}
{{- end -}}
{{- $ingress := $v.ingress -}}
{{- if $ingress.enabled -}}
{{- /* rule: ingressHostEmpty */ -}}
{{- if not $ingress.host -}}
{{- $problems = append $problems $msg.ingressHostEmpty -}}
{{- /* rule: ingressHostInvalid */ -}}
{{- else if not (include "rasa.isDnsName" $ingress.host) -}}
{{- $problems = append $problems (printf $msg.notADnsName "ingress.host" $ingress.host) -}}
{{- end -}}
{{- /* rule: ingressTlsSecretInvalid */ -}}
{{- if and $ingress.tlsSecretName (not (include "rasa.isDnsName" $ingress.tlsSecretName)) -}}
{{- $problems = append $problems (printf $msg.notADnsName "ingress.tlsSecretName" $ingress.tlsSecretName) -}}
{{- end -}}
{{- /* rule: ingressExposesDisabledApi */ -}}
{{- if and $ingress.exposeApi (not $rasa.api.enabled) -}}
{{- $problems = append $problems $msg.ingressExposesDisabledApi -}}
{{- end -}}
{{- end -}}
{{- /* A dict, not a list: `has` on a list that grows by `append` (a copy) takes quadratic time. */ -}}
{{- $seen := dict -}}
{{- range $i, $widget := $v.widgets -}}
{{- $at := printf "widgets[%d]" $i -}}
{{- /* rule: widgetNameTwice */ -}}
{{- if hasKey $seen $widget.name -}}
{{- $problems = append $problems (printf $msg.widgetNameTwice $at $widget.name) -}}
{{- end -}}
{{- $_ := set $seen $widget.name true -}}
{{- if hasKey $widget "claims" -}}
{{- $problems = concat $problems (include "rasa.claimProblems"
  (dict "msg" $msg "claims" $widget.claims "where" (printf "%s.claims" $at)) | fromYamlArray) -}}
{{- end -}}
{{- /* rule: widgetLifetimeTooLong */ -}}
{{- /* The schema has checked the form (LIFETIME in src/settings/lifetime.ts); the bound (10 years,
315360000 s) needs arithmetic. More digits than the bound has are over it in any unit. */ -}}
{{- if $widget.expiresIn -}}
{{- $digits := regexFind "^[0-9]+" $widget.expiresIn -}}
{{- $unit := get (dict "s" 1 "m" 60 "h" 3600 "d" 86400 "w" 604800) (trimPrefix $digits $widget.expiresIn) -}}
{{- if or (gt (len $digits) 9) (gt (mul (int64 $digits) $unit) 315360000) -}}
{{- $problems = append $problems (printf $msg.widgetLifetimeTooLong (printf "%s.expiresIn" $at) $widget.expiresIn) -}}
{{- /* rule: widgetLifetimeTooShortToRemint */ -}}
{{- /* The derived schedule runs at a quarter of the shortest lifetime, at most once a minute
("rasa.remintSchedule"): 4m (240 s) is the shortest it renews in time. */ -}}
{{- else if and $v.minter.enabled (not $v.minter.schedule) (lt (mul (int64 $digits) $unit) 240) -}}
{{- $problems = append $problems (printf $msg.widgetLifetimeTooShortToRemint (printf "%s.expiresIn" $at) $widget.expiresIn) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* rule: noWidgetsToMint */ -}}
{{- if and $v.minter.enabled (not $v.widgets) -}}
{{- $problems = append $problems $msg.noWidgetsToMint -}}
{{- end -}}
{{- /* rule: minterConfigMapNameInvalid */ -}}
{{- $configMapName := $v.minter.configMapName -}}
{{- if and $configMapName (not (include "rasa.isDnsName" $configMapName)) -}}
{{- $problems = append $problems (printf $msg.notADnsName "minter.configMapName" $configMapName) -}}
{{- end -}}
{{- /* rule: widgetsOverConfigMapLimit */ -}}
{{- /* The size: "rasa.widgetsConfigMapSize" (_configmap-size.tpl), twin of src/settings/configmap-size.ts. */ -}}
{{- $size := include "rasa.widgetsConfigMapSize" . | fromJson -}}
{{- if gt (int64 $size.bytes) 1048576 -}}
{{- $configMap := ternary (printf "ConfigMap %s" $configMapName) "the minter's ConfigMap" (ne (toString $configMapName) "") -}}
{{- $problems = append $problems (printf $msg.widgetsOverConfigMapLimit
  $configMap (int64 $size.bytes) (int64 $size.fitting) (len $v.widgets)) -}}
{{- end -}}
{{- /* rule: demoWithoutMinter */ -}}
{{- if and $v.demo.enabled (not $v.minter.enabled) -}}
{{- $problems = append $problems $msg.demoWithoutMinter -}}
{{- end -}}
{{- /* rule: demoWidgetUnknown */ -}}
{{- if and $v.demo.enabled $v.demo.widget -}}
{{- $names := list -}}
{{- range $v.widgets -}}{{- $names = append $names .name -}}{{- end -}}
{{- if not (has $v.demo.widget $names) -}}
{{- $problems = append $problems (printf $msg.demoWidgetUnknown $v.demo.widget) -}}
{{- end -}}
{{- end -}}
{{- /* rule: yaml11Characters */ -}}
{{- /* toJson writes U+2028 and U+2029 as \u2028 and \u2029 (not after an escaped backslash), the others raw. */ -}}
{{- if regexMatch `(^|[^\\])(\\\\)*\\u202[89]|[\x{007F}-\x{009F}\x{FFFE}\x{FFFF}]` (toJson $v) -}}
{{- $problems = append $problems $msg.yaml11Characters -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}

{{/*
The message of every rule, once, as a printf template (what is wrong, then the fix), keyed by the
id of its rule; notADnsName serves several. Each is the same text as the rule's message in
src/settings (rules.ts, claims.ts, lifetime.ts): folded here, one line there.
*/}}
{{- define "rasa.ruleMessages" -}}
nameNotADnsLabel: >-
  '%s' (%s) is not a valid name: use at most 63 lower-case letters, digits and '-', starting and
  ending with a letter or digit
fullnameStartsWithDigit: >-
  'fullnameOverride' (%[1]s) starts with a digit: it names the Service, whose name must start with a
  letter (e.g. bot-%[1]s)
secretNameEmpty: >-
  '%[1]s' is empty: name the Secret that holds %[2]s (--set %[1]s=<name>); %[3]s
notADnsName: >-
  '%s' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending
  with a letter or digit
secretKeyEmpty: >-
  '%[1]s' is empty: name the key inside the Secret (--set %[1]s=<key>); %[2]s
secretKeyInvalid: >-
  '%s' (%s) is not a valid Secret key: use letters, digits, '-', '_' and '.'
literalKeyTooShort: >-
  'socketio.jwtKey.literal' is %d bytes: an %s key needs at least %d (--set
  socketio.jwtKey.literal=$(openssl rand -hex 32)); better, keep it in a Secret and drop the literal
keyGeneratedAndGiven: >-
  'socketio.jwtKey.generate' and 'socketio.jwtKey.literal' are both set: let the cluster generate
  the key, or give it (--set socketio.jwtKey.generate=false)
socketioInChannels: >-
  'channels.socketio' is not allowed: the socketio channel is configured under 'socketio', with its
  key from a Secret
jwtKeyInChannels: >-
  '%s' is not allowed: a JWT key never goes into channel credentials (a ConfigMap); the socketio key
  comes from the Secret named by socketio.jwtKey.secretName
modelsInEndpoints: >-
  'rasa.endpoints.models' is not allowed: set the model server with rasa.model.serverUrl
actionEndpointWithActionServer: >-
  'rasa.endpoints.action_endpoint' is set, but actionServer.enabled points Rasa at the chart's action
  server: remove rasa.endpoints.action_endpoint, or --set actionServer.enabled=false to keep your own
replicasWithoutSharedStore: >-
  '%s' is %d but 'rasa.endpoints.%s' is not set: several Rasa pods need a shared %s (e.g. Redis), or
  --set %s
disruptionBudgetBlocksDrain: >-
  'rasa.podDisruptionBudget.minAvailable' (%d) must be below %s (%d), or no node could ever be
  drained (--set %s)
rollingUpdateCannotProceed: >-
  'rasa.rollingUpdate.maxSurge' and 'rasa.rollingUpdate.maxUnavailable' are both 0: an update could
  neither start a new pod nor stop an old one (--set rasa.rollingUpdate.maxSurge=1)
preStopDelayNotInGracePeriod: >-
  'rasa.terminationGracePeriodSeconds' (%d) must be longer than rasa.preStopDelaySeconds (%d): the pod
  would be killed before Rasa closes its sockets (--set rasa.terminationGracePeriodSeconds=%d)
autoscalingMaxBelowMin: >-
  'rasa.autoscaling.maxReplicas' (%[1]d) is below rasa.autoscaling.minReplicas (%[2]d): raise it
  (--set rasa.autoscaling.maxReplicas=%[2]d)
autoscalingWithoutTarget: >-
  'rasa.autoscaling' has no target: set rasa.autoscaling.targetCPUUtilizationPercentage or
  targetMemoryUtilizationPercentage (--set rasa.autoscaling.targetCPUUtilizationPercentage=80)
autoscalingTargetWithoutRequest: >-
  'rasa.autoscaling.%[1]s' is set but 'rasa.resources.requests.%[2]s' is empty: the autoscaler
  measures use as a share of the request (--set rasa.resources.requests.%[2]s=%[3]s)
modelDownloadWithoutSha256: >-
  'rasa.model.download.sha256' is empty: the file from rasa.model.download.url is used only when its
  SHA-256 matches (--set rasa.model.download.sha256=<sha256sum of the file>)
modelServerWithLocalModel: >-
  '%s' is set, but so is rasa.model.serverUrl, the model server Rasa then loads its model from: keep
  one source (--set %s, or --set rasa.model.serverUrl=)
modelServerWithoutApi: >-
  'rasa.model.serverUrl' is set but rasa.api.enabled is false: readiness asks Rasa's /status, an HTTP
  API endpoint, whether the model server's model is loaded; turn the API on with its token (--set
  rasa.api.enabled=true,rasa.api.tokenSecretName=<Secret>)
modelClaimNotShared: >-
  'rasa.model.persistence.accessModes' (%s) has no ReadWriteMany, but %s is %d: Rasa pods on several
  nodes could not all mount the claim (--set rasa.model.persistence.accessModes={ReadWriteMany}, or
  --set %s)
rasaProWithoutLicence: >-
  'rasa.license.secretName' is empty but the image is %s: Rasa Pro needs its licence (--set
  rasa.license.secretName=<Secret with the licence>)
licenceEnvNameTaken: >-
  'rasa.license.envName' (%s) is already used by socketio.jwtKey.envName: pick another name
apiFlagInExtraArgs: >-
  '%s' (%s) is not allowed: turn the HTTP API on with rasa.api.enabled, which protects it with the
  token from rasa.api.tokenSecretName (--set rasa.api.enabled=true)
apiTokenInExtraEnv: >-
  '%s.name' (%s) is the HTTP API's token, which the chart takes from the Secret named by
  rasa.api.tokenSecretName: set that instead
extraEnvNameTaken: >-
  '%s.name' (%s) is already set by the chart: pick another name
extraEnvValueOrSecret: >-
  '%s' must have either 'value' or both 'secretName' and 'secretKey'
extraVolumeNameTaken: >-
  '%s.name' (%s) is one of the pod's own volumes (%s): give the volume another name
extraVolumeNameTwice: >-
  '%s.name' (%s) is used twice: volume names must be unique
extraVolumeMountOfOwnVolume: >-
  '%s.name' (%s) is one of the pod's own volumes (%s), which the chart mounts itself: mount a volume
  of %s.extraVolumes
extraVolumeMountWithoutVolume: >-
  '%s.name' (%s) names no volume of %s.extraVolumes: add the volume there, or fix the name
extraVolumeMountPathTaken: >-
  '%s.mountPath' (%s) is where the chart mounts the pod's own volumes (%s): pick another path
extraVolumeMountPathTwice: >-
  '%s.mountPath' (%s) is used twice: each mount needs a path of its own
containerNameTaken: >-
  '%s.name' (%s) is the name of the pod's main container: pick another name
containerNameOwnInit: >-
  '%s.name' (%s) is the name of one of the pod's own init containers (%s): pick another name
containerNameTwice: >-
  '%[1]s.name' (%[2]s) is used twice: the containers of %[3]s.initContainers and %[3]s.sidecars need
  names of their own
extraEnvFromSource: >-
  '%s' must have either 'configMapRef' or 'secretRef', naming the ConfigMap or Secret (e.g.
  secretRef: {name: bot-env})
ingressHostEmpty: >-
  'ingress.host' is empty: name the public host the widgets connect to (--set
  ingress.host=bot.example.com)
ingressExposesDisabledApi: >-
  'ingress.exposeApi' routes Rasa's HTTP API, which is off: turn it on with rasa.api.enabled and its
  token in rasa.api.tokenSecretName (--set rasa.api.enabled=true), or --set ingress.exposeApi=false
widgetNameTwice: >-
  '%s.name' (%s) is used twice: widget names must be unique
claimsNotAMap: >-
  '%s' must be a map of claims (got %s)
claimsEmpty: >-
  '%s' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id
claimsAudience: >-
  '%s.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has
  one
claimNotAString: >-
  '%s.%s' must be a string (got %s): PyJWT 2.10 and later refuse any other
claimsExpiry: >-
  '%s.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp
claimsIssuedOrNotBefore: >-
  '%[1]s.%[2]s' is not allowed: the minter leaves %[2]s out, since a value ahead of Rasa's clock
  makes Rasa refuse the token
widgetLifetimeTooLong: >-
  '%s' (%s) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never
  expires
widgetLifetimeTooShortToRemint: >-
  '%s' (%s) is shorter than 4m, the shortest lifetime the re-mint CronJob renews in time (it runs at
  a quarter of the shortest lifetime, and at most once a minute): use 4m or more, or set the
  schedule yourself (--set minter.schedule='* * * * *')
noWidgetsToMint: >-
  'widgets' is empty: add a widget for the minter to sign a token for, or --set minter.enabled=false
widgetsOverConfigMapLimit: >-
  'widgets' would make %s about %d bytes, over the 1 MiB a ConfigMap holds: the first %d of the %d
  widgets fit; spread them over several releases (each with its own minter.configMapName) or drop
  some
demoWithoutMinter: >-
  'demo.enabled' shows the token the minter writes, but minter.enabled is false: --set
  minter.enabled=true, or --set demo.enabled=false
demoWidgetUnknown: >-
  'demo.widget' (%s) is not the name of a widget: name one of widgets[].name, or leave it empty for
  the first (--set demo.widget=)
yaml11Characters: >-
  the values hold U+2028, U+2029 or U+0085, which Helm's YAML 1.1 reads as a line break and trims
  the spaces around, or U+007F to U+009F, U+FFFE or U+FFFF, for which Helm renders nothing: remove
  the character, or write a line break as \n
{{- end -}}

{{/*
"true" when . is a DNS-1123 subdomain, the name of most objects; empty otherwise.
Twin: isDns1123Subdomain in src/settings/names.ts.
*/}}
{{- define "rasa.isDnsName" -}}
{{- if and (le (len .) 253) (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" .) -}}
true
{{- end -}}
{{- end -}}

{{/*
Problems of a reference to a Secret key, as a YAML list. Takes msg (the rule messages), nameField,
name, keyField, key, what and consequence. Twin: SECRET_REF_RULES in src/settings/rules.ts.
*/}}
{{- define "rasa.secretRefProblems" -}}
{{- $problems := list -}}
{{- /* rule: secretNameEmpty */ -}}
{{- if not .name -}}
{{- $problems = append $problems (printf .msg.secretNameEmpty .nameField .what .consequence) -}}
{{- /* rule: secretNameInvalid */ -}}
{{- else if not (include "rasa.isDnsName" .name) -}}
{{- $problems = append $problems (printf .msg.notADnsName .nameField .name) -}}
{{- end -}}
{{- /* rule: secretKeyEmpty */ -}}
{{- if not .key -}}
{{- $problems = append $problems (printf .msg.secretKeyEmpty .keyField .consequence) -}}
{{- /* rule: secretKeyInvalid */ -}}
{{- else if not (regexMatch "^[-._a-zA-Z0-9]+$" .key) -}}
{{- $problems = append $problems (printf .msg.secretKeyInvalid .keyField .key) -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}

{{/*
Claims Rasa would refuse whatever the time, as a YAML list. Takes msg (the rule messages), claims
and where. Twin: CLAIM_RULES in src/settings/claims.ts.
*/}}
{{- define "rasa.claimProblems" -}}
{{- $problems := list -}}
{{- $claims := .claims -}}
{{- /* rule: claimsNotAMap */ -}}
{{- if not (kindIs "map" $claims) -}}
{{- $problems = append $problems (printf .msg.claimsNotAMap .where (toJson $claims)) -}}
{{- else -}}
{{- /* rule: claimsEmpty */ -}}
{{- if not $claims -}}
{{- $problems = append $problems (printf .msg.claimsEmpty .where) -}}
{{- end -}}
{{- /* rule: claimsAudience */ -}}
{{- if hasKey $claims "aud" -}}
{{- $problems = append $problems (printf .msg.claimsAudience .where) -}}
{{- end -}}
{{- /* rule: claimNotAString */ -}}
{{- range $claim := list "sub" "jti" -}}
{{- if and (hasKey $claims $claim) (not (kindIs "string" (index $claims $claim))) -}}
{{- $problems = append $problems (printf $.msg.claimNotAString $.where $claim (toJson (index $claims $claim))) -}}
{{- end -}}
{{- end -}}
{{- /* rule: claimsExpiry */ -}}
{{- if hasKey $claims "exp" -}}
{{- $problems = append $problems (printf .msg.claimsExpiry .where) -}}
{{- end -}}
{{- /* rule: claimsIssuedOrNotBefore */ -}}
{{- range $claim := list "iat" "nbf" -}}
{{- if hasKey $claims $claim -}}
{{- $problems = append $problems (printf $.msg.claimsIssuedOrNotBefore $.where $claim) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}

{{/*
Every dotted path under .value that ends in jwt_key, at any depth, as a YAML list.
*/}}
{{- define "rasa.pathsOfJwtKey" -}}
{{- $paths := list -}}
{{- if kindIs "map" .value -}}
{{- range $k, $child := .value -}}
{{- $at := printf "%s.%s" $.at $k -}}
{{- if eq $k "jwt_key" -}}{{- $paths = append $paths $at -}}{{- end -}}
{{- $paths = concat $paths (include "rasa.pathsOfJwtKey" (dict "value" $child "at" $at) | fromYamlArray) -}}
{{- end -}}
{{- else if kindIs "slice" .value -}}
{{- range $i, $child := .value -}}
{{- $paths = concat $paths (include "rasa.pathsOfJwtKey" (dict "value" $child "at" (printf "%s[%d]" $.at $i)) | fromYamlArray) -}}
{{- end -}}
{{- end -}}
{{- toYaml $paths -}}
{{- end -}}

{{/*
Problems of a section's extraEnv (rasa, actionServer), as a YAML list. Takes msg (the rule
messages), at (the section's path), env (its extraEnv), taken (the names of the variables the chart
gives the container) and refusesApiToken (the Rasa container's: RASA_API_AUTH_TOKEN comes from
rasa.api alone). Twin: the rasa.extraEnv[], actionServer.extraEnv[] scope of RULES in
src/settings/rules.ts.
*/}}
{{- define "rasa.extraEnvProblems" -}}
{{- $problems := list -}}
{{- $taken := .taken -}}
{{- range $i, $env := .env -}}
{{- $at := printf "%s.extraEnv[%d]" $.at $i -}}
{{- /* rule: apiTokenInExtraEnv */ -}}
{{- if and $.refusesApiToken (eq $env.name "RASA_API_AUTH_TOKEN") -}}
{{- $problems = append $problems (printf $.msg.apiTokenInExtraEnv $at $env.name) -}}
{{- /* rule: extraEnvNameTaken */ -}}
{{- else if has $env.name $taken -}}
{{- $problems = append $problems (printf $.msg.extraEnvNameTaken $at $env.name) -}}
{{- end -}}
{{- $taken = append $taken $env.name -}}
{{- $fromSecret := or (hasKey $env "secretName") (hasKey $env "secretKey") -}}
{{- /* rule: extraEnvValueOrSecret */ -}}
{{- if eq $fromSecret (hasKey $env "value") -}}
{{- $problems = append $problems (printf $.msg.extraEnvValueOrSecret $at) -}}
{{- else if $fromSecret -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "msg" $.msg
  "nameField" (printf "%s.secretName" $at) "name" (default "" $env.secretName)
  "keyField" (printf "%s.secretKey" $at) "key" (default "" $env.secretKey)
  "what" "the value" "consequence" "the variable would have no value"
) | fromYamlArray) -}}
{{- end -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}

{{/*
Problems of a pod's extension points (extraVolumes, extraVolumeMounts, initContainers, sidecars,
extraEnvFrom), as a YAML list. Takes msg (the rule messages), at (the section's path: rasa), section
(its values), and what the pod's template gives it itself: mainContainer, and volumes, mountPaths
and initContainers (lists, in order). Twin: POD_EXTENSION_RULES in src/settings/pod-extensions.ts.
*/}}
{{- define "rasa.podExtensionProblems" -}}
{{- $problems := list -}}
{{- $ownVolumes := join ", " .volumes -}}
{{- $ownPaths := join ", " .mountPaths -}}
{{- $volumes := dict -}}
{{- range $i, $volume := .section.extraVolumes -}}
{{- $at := printf "%s.extraVolumes[%d]" $.at $i -}}
{{- /* rule: extraVolumeNameTaken */ -}}
{{- if has $volume.name $.volumes -}}
{{- $problems = append $problems (printf $.msg.extraVolumeNameTaken $at $volume.name $ownVolumes) -}}
{{- /* rule: extraVolumeNameTwice */ -}}
{{- else if hasKey $volumes $volume.name -}}
{{- $problems = append $problems (printf $.msg.extraVolumeNameTwice $at $volume.name) -}}
{{- end -}}
{{- $_ := set $volumes $volume.name true -}}
{{- end -}}
{{- $paths := dict -}}
{{- range $i, $mount := .section.extraVolumeMounts -}}
{{- $at := printf "%s.extraVolumeMounts[%d]" $.at $i -}}
{{- /* rule: extraVolumeMountOfOwnVolume */ -}}
{{- if has $mount.name $.volumes -}}
{{- $problems = append $problems (printf $.msg.extraVolumeMountOfOwnVolume $at $mount.name $ownVolumes $.at) -}}
{{- /* rule: extraVolumeMountWithoutVolume */ -}}
{{- else if not (hasKey $volumes $mount.name) -}}
{{- $problems = append $problems (printf $.msg.extraVolumeMountWithoutVolume $at $mount.name $.at) -}}
{{- end -}}
{{- /* /tmp/ is /tmp (twin: mountPoint). */ -}}
{{- $point := regexReplaceAll "(.)/+$" $mount.mountPath "${1}" -}}
{{- /* rule: extraVolumeMountPathTaken */ -}}
{{- if has $point $.mountPaths -}}
{{- $problems = append $problems (printf $.msg.extraVolumeMountPathTaken $at $mount.mountPath $ownPaths) -}}
{{- /* rule: extraVolumeMountPathTwice */ -}}
{{- else if hasKey $paths $point -}}
{{- $problems = append $problems (printf $.msg.extraVolumeMountPathTwice $at $mount.mountPath) -}}
{{- end -}}
{{- $_ := set $paths $point true -}}
{{- end -}}
{{- /* Kubernetes wants every container of a pod, init or not, named apart. */ -}}
{{- $containers := dict -}}
{{- range $list := list "initContainers" "sidecars" -}}
{{- range $i, $container := index $.section $list -}}
{{- $at := printf "%s.%s[%d]" $.at $list $i -}}
{{- /* rule: containerNameTaken */ -}}
{{- if eq $container.name $.mainContainer -}}
{{- $problems = append $problems (printf $.msg.containerNameTaken $at $container.name) -}}
{{- /* rule: containerNameOwnInit */ -}}
{{- else if has $container.name (default (list) $.initContainers) -}}
{{- $problems = append $problems (printf $.msg.containerNameOwnInit $at $container.name (join ", " $.initContainers)) -}}
{{- /* rule: containerNameTwice */ -}}
{{- else if hasKey $containers $container.name -}}
{{- $problems = append $problems (printf $.msg.containerNameTwice $at $container.name $.at) -}}
{{- end -}}
{{- $_ := set $containers $container.name true -}}
{{- end -}}
{{- end -}}
{{- range $i, $source := .section.extraEnvFrom -}}
{{- $at := printf "%s.extraEnvFrom[%d]" $.at $i -}}
{{- $kinds := list -}}
{{- range $kind := list "configMapRef" "secretRef" -}}
{{- if hasKey $source $kind -}}{{- $kinds = append $kinds $kind -}}{{- end -}}
{{- end -}}
{{- $name := "" -}}
{{- if eq (len $kinds) 1 -}}{{- $name = (index $source (first $kinds)).name | default "" -}}{{- end -}}
{{- /* rule: extraEnvFromSource */ -}}
{{- if not $name -}}
{{- $problems = append $problems (printf $.msg.extraEnvFromSource $at) -}}
{{- /* rule: extraEnvFromNameInvalid */ -}}
{{- else if not (include "rasa.isDnsName" $name) -}}
{{- $problems = append $problems (printf $.msg.notADnsName (printf "%s.%s.name" $at (first $kinds)) $name) -}}
{{- end -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}
