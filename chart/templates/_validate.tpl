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
{{- /* rule: apiFlagInExtraArgs */ -}}
{{- /* Only rasa.api may turn the HTTP API on or set its token (twin: API_FLAGS in src/settings/rules.ts). */ -}}
{{- range $i, $arg := $rasa.extraArgs -}}
{{- $flag := regexFind "^(--enable-api|--auth-token|-t)(=|$)" (toString $arg) | trimSuffix "=" -}}
{{- if $flag -}}
{{- $problems = append $problems (printf $msg.apiFlagInExtraArgs (printf "rasa.extraArgs[%d]" $i) $flag) -}}
{{- end -}}
{{- end -}}
{{- range $i, $env := $rasa.extraEnv -}}
{{- $at := printf "rasa.extraEnv[%d]" $i -}}
{{- /* rule: apiTokenInExtraEnv */ -}}
{{- if eq $env.name "RASA_API_AUTH_TOKEN" -}}
{{- $problems = append $problems (printf $msg.apiTokenInExtraEnv $at $env.name) -}}
{{- /* rule: extraEnvNameTaken */ -}}
{{- else if has $env.name $envNames -}}
{{- $problems = append $problems (printf $msg.extraEnvNameTaken $at $env.name) -}}
{{- end -}}
{{- $envNames = append $envNames $env.name -}}
{{- $fromSecret := or (hasKey $env "secretName") (hasKey $env "secretKey") -}}
{{- /* rule: extraEnvValueOrSecret */ -}}
{{- if eq $fromSecret (hasKey $env "value") -}}
{{- $problems = append $problems (printf $msg.extraEnvValueOrSecret $at) -}}
{{- else if $fromSecret -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "msg" $msg
  "nameField" (printf "%s.secretName" $at) "name" (default "" $env.secretName)
  "keyField" (printf "%s.secretKey" $at) "key" (default "" $env.secretKey)
  "what" "the value" "consequence" "the variable would have no value"
) | fromYamlArray) -}}
{{- end -}}
{{- end -}}
{{- /* rule: serviceAccountNameInvalid */ -}}
{{- $serviceAccount := $rasa.serviceAccount.name -}}
{{- if and $serviceAccount (not (include "rasa.isDnsName" $serviceAccount)) -}}
{{- $problems = append $problems (printf $msg.notADnsName "rasa.serviceAccount.name" $serviceAccount) -}}
{{- end -}}
{{- /* rule: imagePullSecretInvalid */ -}}
{{- range $i, $name := $rasa.imagePullSecrets -}}
{{- if not (include "rasa.isDnsName" $name) -}}
{{- $problems = append $problems (printf $msg.notADnsName (printf "rasa.imagePullSecrets[%d]" $i) $name) -}}
{{- end -}}
{{- end -}}
{{- /* The Rasa pod's own container, volumes and mount paths, as deployment.yaml renders them. */ -}}
{{- $problems = concat $problems (include "rasa.podExtensionProblems" (dict "msg" $msg "at" "rasa" "section" $rasa
  "mainContainer" "rasa" "volumes" (list "config" "tmp" "home-config" "home-cache")
  "mountPaths" (list "/etc/rasa" "/tmp" "/app/.config" "/app/.cache")
) | fromYamlArray) -}}
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
replicasWithoutSharedStore: >-
  '%s' is %d but 'rasa.endpoints.%s' is not set: several Rasa pods need a shared %s (e.g. Redis), or
  --set %s
disruptionBudgetBlocksDrain: >-
  'rasa.podDisruptionBudget.minAvailable' (%d) must be below %s (%d), or no node could ever be
  drained (--set %s)
autoscalingMaxBelowMin: >-
  'rasa.autoscaling.maxReplicas' (%[1]d) is below rasa.autoscaling.minReplicas (%[2]d): raise it
  (--set rasa.autoscaling.maxReplicas=%[2]d)
autoscalingWithoutTarget: >-
  'rasa.autoscaling' has no target: set rasa.autoscaling.targetCPUUtilizationPercentage or
  targetMemoryUtilizationPercentage (--set rasa.autoscaling.targetCPUUtilizationPercentage=80)
autoscalingTargetWithoutRequest: >-
  'rasa.autoscaling.%[1]s' is set but 'rasa.resources.requests.%[2]s' is empty: the autoscaler
  measures use as a share of the request (--set rasa.resources.requests.%[2]s=%[3]s)
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
noWidgetsToMint: >-
  'widgets' is empty: add a widget for the minter to sign a token for, or --set minter.enabled=false
widgetsOverConfigMapLimit: >-
  'widgets' would make %s about %d bytes, over the 1 MiB a ConfigMap holds: the first %d of the %d
  widgets fit; spread them over several releases (each with its own minter.configMapName) or drop
  some
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
Problems of a pod's extension points (extraVolumes, extraVolumeMounts, initContainers, sidecars,
extraEnvFrom), as a YAML list. Takes msg (the rule messages), at (the section's path: rasa), section
(its values), and what the pod's template gives it itself: mainContainer, and volumes and
mountPaths (lists, in order). Twin: POD_EXTENSION_RULES in src/settings/pod-extensions.ts.
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
