{{/*
The size of the ConfigMap the minter will fill, known before any token is signed, as JSON
{"bytes": N, "fitting": M}: M is how many of the widgets, taken from the first, fit in 1 MiB.
Measured on the widgets with their defaults (rasa.widgets) and on the same
strings as its twin, widgetsConfigMapSize in src/settings/configmap-size.ts, which gives the same
numbers and says why each is what it is. One pass over the widgets.
*/}}
{{- define "rasa.widgetsConfigMapSize" -}}
{{- $signature := get (dict "HS256" 43 "HS384" 64 "HS512" 86) .Values.socketio.jwtMethod | default 86 -}}
{{- $indexEntry := len ",{\"name\":,\"url\":,\"expiresAt\":}" -}}
{{- $keys := len ".token.legacy.html.web-component.html" -}}
{{- $snippets := add (len "<div id=\"rasa-chat-widget\" data-websocket-url=\"\" data-token=\"\"></div>\n<script src=\"https://unpkg.com/@rasahq/rasa-chat\" type=\"application/javascript\"></script>\n") (len "<rasa-chatbot-widget server-url=\"\" authentication-token=\"\"></rasa-chatbot-widget>\n<script type=\"module\" src=\"https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.esm.js\"></script>\n<link rel=\"stylesheet\" href=\"https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.css\">\n") -}}
{{- $initialPayload := len " data-initial-payload=\"\" initial-payload=\"\"" -}}
{{- $expiresAt := len "\"2026-11-29T00:00:00.000Z\"" -}}
{{- $noExpiry := len "null" -}}
{{- $expiryKey := len ".expires-at2026-11-29T00:00:00Z" -}}
{{- $expClaim := len ",\"exp\":1795910400" -}}
{{- $tokenFixed := len "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.." -}}
{{- /* The first entry has no "," before it. */ -}}
{{- $bytes := sub (len "index.json{\"method\":\"HS256\",\"keyFingerprint\":\"0123456789abcdef\",\"widgets\":[]}\n") 1 -}}
{{- $fitting := 0 -}}
{{- include "rasa.cacheList" (list . "rasa.widgets") -}}
{{- range $w := index .rasaCache "rasa.widgets" -}}
{{- $url := $w.url -}}
{{- $expires := ne $w.expiresIn "" -}}
{{- $payload := add (include "rasa.jsonBytes" $w.claims) (ternary $expClaim 0 $expires) -}}
{{- $token := add $tokenFixed (mul 4 (div $payload 3)) (index (list 0 2 3) (mod $payload 3)) $signature -}}
{{- $bytes = add $bytes (mul 3 (len $w.name)) $keys (mul 3 $token) $snippets (mul 2 (include "rasa.attributeBytes" $url)) -}}
{{- with $w.initialPayload -}}
{{- $bytes = add $bytes $initialPayload (mul 2 (include "rasa.attributeBytes" .)) -}}
{{- end -}}
{{- $bytes = add $bytes $indexEntry (include "rasa.jsonBytes" $w.name) (include "rasa.jsonBytes" $url) (ternary $expiresAt $noExpiry $expires) -}}
{{- if $expires -}}
{{- $bytes = add $bytes (len $w.name) $expiryKey -}}
{{- end -}}
{{- if le $bytes 1048576 -}}{{- $fitting = add1 $fitting -}}{{- end -}}
{{- end -}}
{{- dict "bytes" $bytes "fitting" $fitting | toJson -}}
{{- end -}}

{{/*
The bytes of the JSON the minter writes for a value (JSON.stringify): toJson's, less Go's escapes
of <, >, & and the line separators, which JSON.stringify writes as they are. Escaped backslashes
are set aside first, so that a backslash the value holds never reads as the start of an escape.
*/}}
{{- define "rasa.jsonBytes" -}}
{{- toJson . | replace "\\\\" "__" | replace "\\u003c" "<" | replace "\\u003e" ">" | replace "\\u0026" "&" | replace "\\u2028" "\u2028" | replace "\\u2029" "\u2029" | len -}}
{{- end -}}

{{/*
The bytes of a snippet attribute's value once escaped (src/minter/snippets.ts, escapeAttribute).
*/}}
{{- define "rasa.attributeBytes" -}}
{{- . | replace "&" "&amp;" | replace "\"" "&quot;" | replace "<" "&lt;" | replace ">" "&gt;" | len -}}
{{- end -}}
