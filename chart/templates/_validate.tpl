{{/*
Rules the schema cannot say, one message per broken rule, in the same words as the constructs
(src/settings/rules.ts and claims.ts): a values file is refused alike by `helm` and by `synth`.
Rendered by validate.yaml, which fails the release with every message at once.
*/}}
{{- define "rasa.validateValues" -}}
{{- $v := .Values -}}
{{- $problems := list -}}
{{- $label := "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" -}}
{{- $subdomain := "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" -}}
{{- range $field := list "nameOverride" "fullnameOverride" -}}
{{- $value := index $v $field -}}
{{- if and $value (or (gt (len $value) 63) (not (regexMatch $label $value))) -}}
{{- $problems = append $problems (printf "'%s' (%s) is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit" $field $value) -}}
{{- end -}}
{{- end -}}
{{- if regexMatch "^[0-9]" (toString $v.fullnameOverride) -}}
{{- $problems = append $problems (printf "'fullnameOverride' (%s) starts with a digit: it names the Service, whose name must start with a letter (e.g. bot-%s)" $v.fullnameOverride $v.fullnameOverride) -}}
{{- end -}}
{{- $key := $v.socketio.jwtKey -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "nameField" "socketio.jwtKey.secretName" "name" $key.secretName "keyField" "socketio.jwtKey.secretKey" "key" $key.secretKey "what" "the JWT key" "consequence" "without a key the socketio channel would be open to anyone") | fromYamlArray) -}}
{{- $needed := get (dict "HS256" 32 "HS384" 48 "HS512" 64) $v.socketio.jwtMethod | default 32 -}}
{{- if and $key.literal (lt (len $key.literal) (int $needed)) -}}
{{- $problems = append $problems (printf "'socketio.jwtKey.literal' is %d bytes: an %s key needs at least %d (--set socketio.jwtKey.literal=$(openssl rand -hex 32)); better, keep it in a Secret and drop the literal" (len $key.literal) $v.socketio.jwtMethod (int $needed)) -}}
{{- end -}}
{{- if and $key.generate $key.literal -}}
{{- $problems = append $problems "'socketio.jwtKey.generate' and 'socketio.jwtKey.literal' are both set: let the cluster generate the key, or give it (--set socketio.jwtKey.generate=false)" -}}
{{- end -}}
{{- if hasKey (default dict $v.channels) "socketio" -}}
{{- $problems = append $problems "'channels.socketio' is not allowed: the socketio channel is configured under 'socketio', with its key from a Secret" -}}
{{- end -}}
{{- range $path := include "rasa.pathsOfJwtKey" (dict "value" (default dict $v.channels) "at" "channels") | fromYamlArray -}}
{{- $problems = append $problems (printf "'%s' is not allowed: a JWT key never goes into channel credentials (a ConfigMap); the socketio key comes from the Secret named by socketio.jwtKey.secretName" $path) -}}
{{- end -}}
{{- $rasa := $v.rasa -}}
{{- if hasKey (default dict $rasa.endpoints) "models" -}}
{{- $problems = append $problems "'rasa.endpoints.models' is not allowed: set the model server with rasa.model.serverUrl" -}}
{{- end -}}
{{- if gt (int $rasa.replicaCount) 1 -}}
{{- range $store := list "tracker_store" "lock_store" -}}
{{- if not (hasKey (default dict $rasa.endpoints) $store) -}}
{{- $problems = append $problems (printf "'rasa.replicaCount' is %d but 'rasa.endpoints.%s' is not set: several Rasa pods need a shared %s (e.g. Redis), or --set rasa.replicaCount=1" (int $rasa.replicaCount) $store (replace "_" " " $store)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $pdb := $rasa.podDisruptionBudget -}}
{{- if and $pdb.enabled (gt (int $rasa.replicaCount) 1) (ge (int $pdb.minAvailable) (int $rasa.replicaCount)) -}}
{{- $problems = append $problems (printf "'rasa.podDisruptionBudget.minAvailable' (%d) must be below rasa.replicaCount (%d), or no node could ever be drained (--set rasa.podDisruptionBudget.minAvailable=1)" (int $pdb.minAvailable) (int $rasa.replicaCount)) -}}
{{- end -}}
{{- if $rasa.api.enabled -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "nameField" "rasa.api.tokenSecretName" "name" $rasa.api.tokenSecretName "keyField" "rasa.api.tokenSecretKey" "key" $rasa.api.tokenSecretKey "what" "the API token" "consequence" "the HTTP API would be open to anyone") | fromYamlArray) -}}
{{- end -}}
{{- $license := $rasa.license -}}
{{- if $license.secretName -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "nameField" "rasa.license.secretName" "name" $license.secretName "keyField" "rasa.license.secretKey" "key" $license.secretKey "what" "the licence" "consequence" "Rasa Pro will not start") | fromYamlArray) -}}
{{- else if regexMatch "(^|/)rasa-pro$" $rasa.image.repository -}}
{{- $problems = append $problems (printf "'rasa.license.secretName' is empty but the image is %s: Rasa Pro needs its licence (--set rasa.license.secretName=<Secret with the licence>)" $rasa.image.repository) -}}
{{- end -}}
{{- $envNames := list $key.envName -}}
{{- if $license.secretName -}}
{{- if has $license.envName $envNames -}}
{{- $problems = append $problems (printf "'rasa.license.envName' (%s) is already used by socketio.jwtKey.envName: pick another name" $license.envName) -}}
{{- end -}}
{{- $envNames = append $envNames $license.envName -}}
{{- end -}}
{{- /* Only rasa.api may turn the HTTP API on or set its token (twin: API_FLAGS in src/settings/rules.ts). */ -}}
{{- range $i, $arg := $rasa.extraArgs -}}
{{- $flag := regexFind "^(--enable-api|--auth-token|-t)(=|$)" (toString $arg) | trimSuffix "=" -}}
{{- if $flag -}}
{{- $problems = append $problems (printf "'rasa.extraArgs[%d]' (%s) is not allowed: turn the HTTP API on with rasa.api.enabled, which protects it with the token from rasa.api.tokenSecretName (--set rasa.api.enabled=true)" $i $flag) -}}
{{- end -}}
{{- end -}}
{{- range $i, $env := $rasa.extraEnv -}}
{{- $at := printf "rasa.extraEnv[%d]" $i -}}
{{- if eq $env.name "RASA_API_AUTH_TOKEN" -}}
{{- $problems = append $problems (printf "'%s.name' (RASA_API_AUTH_TOKEN) is the HTTP API's token, which the chart takes from the Secret named by rasa.api.tokenSecretName: set that instead" $at) -}}
{{- else if has $env.name $envNames -}}
{{- $problems = append $problems (printf "'%s.name' (%s) is already set by the chart: pick another name" $at $env.name) -}}
{{- end -}}
{{- $envNames = append $envNames $env.name -}}
{{- $fromSecret := or (hasKey $env "secretName") (hasKey $env "secretKey") -}}
{{- if eq $fromSecret (hasKey $env "value") -}}
{{- $problems = append $problems (printf "'%s' must have either 'value' or both 'secretName' and 'secretKey'" $at) -}}
{{- else if $fromSecret -}}
{{- $problems = concat $problems (include "rasa.secretRefProblems" (dict "nameField" (printf "%s.secretName" $at) "name" (default "" $env.secretName) "keyField" (printf "%s.secretKey" $at) "key" (default "" $env.secretKey) "what" "the value" "consequence" "the variable would have no value") | fromYamlArray) -}}
{{- end -}}
{{- end -}}
{{- if and $rasa.serviceAccount.name (not (and (le (len $rasa.serviceAccount.name) 253) (regexMatch $subdomain $rasa.serviceAccount.name))) -}}
{{- $problems = append $problems (printf "'rasa.serviceAccount.name' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" $rasa.serviceAccount.name) -}}
{{- end -}}
{{- range $i, $name := $rasa.imagePullSecrets -}}
{{- if not (and (le (len $name) 253) (regexMatch $subdomain $name)) -}}
{{- $problems = append $problems (printf "'rasa.imagePullSecrets[%d]' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" $i $name) -}}
{{- end -}}
{{- end -}}
{{- $ingress := $v.ingress -}}
{{- if $ingress.enabled -}}
{{- if not $ingress.host -}}
{{- $problems = append $problems "'ingress.host' is empty: name the public host the widgets connect to (--set ingress.host=bot.example.com)" -}}
{{- else if not (and (le (len $ingress.host) 253) (regexMatch $subdomain $ingress.host)) -}}
{{- $problems = append $problems (printf "'ingress.host' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" $ingress.host) -}}
{{- end -}}
{{- if and $ingress.tlsSecretName (not (and (le (len $ingress.tlsSecretName) 253) (regexMatch $subdomain $ingress.tlsSecretName))) -}}
{{- $problems = append $problems (printf "'ingress.tlsSecretName' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" $ingress.tlsSecretName) -}}
{{- end -}}
{{- end -}}
{{- /* A dict, not a list: `has` on a list that grows by `append` (a copy) takes quadratic time. */ -}}
{{- $seen := dict -}}
{{- range $i, $widget := $v.widgets -}}
{{- if hasKey $seen $widget.name -}}
{{- $problems = append $problems (printf "'widgets[%d].name' (%s) is used twice: widget names must be unique" $i $widget.name) -}}
{{- end -}}
{{- $_ := set $seen $widget.name true -}}
{{- if hasKey $widget "claims" -}}
{{- $problems = concat $problems (include "rasa.claimProblems" (dict "claims" $widget.claims "where" (printf "widgets[%d].claims" $i)) | fromYamlArray) -}}
{{- end -}}
{{- /* The schema checks the form; the bound (10 years, 315360000 s) needs arithmetic. More digits
than the bound has are over it in any unit. Twin: lifetimeProblem in src/settings/lifetime.ts. */ -}}
{{- if regexMatch "^[1-9][0-9]*[smhdw]$" (toString (default "" $widget.expiresIn)) -}}
{{- $digits := regexFind "^[0-9]+" $widget.expiresIn -}}
{{- $unit := get (dict "s" 1 "m" 60 "h" 3600 "d" 86400 "w" 604800) (trimPrefix $digits $widget.expiresIn) -}}
{{- if or (gt (len $digits) 9) (gt (mul (int64 $digits) $unit) 315360000) -}}
{{- $problems = append $problems (printf "'widgets[%d].expiresIn' (%s) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires" $i $widget.expiresIn) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $v.minter.enabled (not $v.widgets) -}}
{{- $problems = append $problems "'widgets' is empty: add a widget for the minter to sign a token for, or --set minter.enabled=false" -}}
{{- end -}}
{{- if and $v.minter.configMapName (not (and (le (len $v.minter.configMapName) 253) (regexMatch $subdomain $v.minter.configMapName))) -}}
{{- $problems = append $problems (printf "'minter.configMapName' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" $v.minter.configMapName) -}}
{{- end -}}
{{- /* Twin: configMapSizeProblem in src/settings/configmap-size.ts. */ -}}
{{- $size := include "rasa.widgetsConfigMapSize" . | fromJson -}}
{{- if gt (int64 $size.bytes) 1048576 -}}
{{- $configMap := ternary (printf "ConfigMap %s" $v.minter.configMapName) "the minter's ConfigMap" (ne (toString $v.minter.configMapName) "") -}}
{{- $problems = append $problems (printf "'widgets' would make %s about %d bytes, over the 1 MiB a ConfigMap holds: the first %d of the %d widgets fit; spread them over several releases (each with its own minter.configMapName) or drop some" $configMap (int64 $size.bytes) (int64 $size.fitting) (len $v.widgets)) -}}
{{- end -}}
{{- /* Twin: yaml11LineBreakProblem in src/settings/rules.ts. toJson writes U+2028 and U+2029 as \u2028 and \u2029 (not after an escaped backslash). */ -}}
{{- if regexMatch `(^|[^\\])(\\\\)*\\u202[89]|\x{0085}` (toJson $v) -}}
{{- $problems = append $problems "the values hold U+2028, U+2029 or U+0085, which Helm's YAML 1.1 reads as a line break and trims the spaces around, unlike other YAML readers: remove the character, or write a line break as \\n" -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}

{{/*
Problems of a reference to a Secret key, as a YAML list. Takes nameField, name, keyField, key,
what and consequence.
*/}}
{{- define "rasa.secretRefProblems" -}}
{{- $problems := list -}}
{{- $subdomain := "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" -}}
{{- if not .name -}}
{{- $problems = append $problems (printf "'%s' is empty: name the Secret that holds %s (--set %s=<name>); %s" .nameField .what .nameField .consequence) -}}
{{- else if not (and (le (len .name) 253) (regexMatch $subdomain .name)) -}}
{{- $problems = append $problems (printf "'%s' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" .nameField .name) -}}
{{- end -}}
{{- if not .key -}}
{{- $problems = append $problems (printf "'%s' is empty: name the key inside the Secret (--set %s=<key>); %s" .keyField .keyField .consequence) -}}
{{- else if not (regexMatch "^[-._a-zA-Z0-9]+$" .key) -}}
{{- $problems = append $problems (printf "'%s' (%s) is not a valid Secret key: use letters, digits, '-', '_' and '.'" .keyField .key) -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}

{{/*
Claims Rasa would refuse whatever the time, as a YAML list. Takes claims and where.
*/}}
{{- define "rasa.claimProblems" -}}
{{- $problems := list -}}
{{- $claims := .claims -}}
{{- if not (kindIs "map" $claims) -}}
{{- $problems = append $problems (printf "'%s' must be a map of claims (got %s)" .where (toJson $claims)) -}}
{{- else -}}
{{- if not $claims -}}
{{- $problems = append $problems (printf "'%s' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id" .where) -}}
{{- end -}}
{{- if hasKey $claims "aud" -}}
{{- $problems = append $problems (printf "'%s.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one" .where) -}}
{{- end -}}
{{- range $claim := list "sub" "jti" -}}
{{- if and (hasKey $claims $claim) (not (kindIs "string" (index $claims $claim))) -}}
{{- $problems = append $problems (printf "'%s.%s' must be a string (got %s): PyJWT 2.10 and later refuse any other" $.where $claim (toJson (index $claims $claim))) -}}
{{- end -}}
{{- end -}}
{{- range $claim := list "exp" "iat" "nbf" -}}
{{- if hasKey $claims $claim -}}
{{- if eq $claim "exp" -}}
{{- $problems = append $problems (printf "'%s.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp" $.where) -}}
{{- else -}}
{{- $problems = append $problems (printf "'%s.%s' is not allowed: the minter leaves %s out, since a value ahead of Rasa's clock makes Rasa refuse the token" $.where $claim $claim) -}}
{{- end -}}
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
