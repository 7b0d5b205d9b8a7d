/**
 * What each pattern of chart/values.schema.json asks for, in words, with an example: a schema
 * error shows this instead of the regular expression. test/settings/schema-messages.test.ts fails
 * when a pattern in the schema has no hint here.
 */
export const PATTERN_HINTS: Readonly<Record<string, string>> = {
  '^/': "a path starting with '/' (e.g. /socket.io)",
  '^[A-Za-z_][A-Za-z0-9_]*$': "an environment variable name: letters, digits and '_', not starting with a digit (e.g. JWT_KEY)",
  '^$|^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]+)?(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$':
    'a registry host, with an optional port and path, or empty (e.g. docker.io, registry.example.com:5000/mirror)',
  '^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]+)?/)?[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$':
    "an image repository: lower-case path parts of letters, digits, '.', '_' and '-' joined by '/' (e.g. rasa/rasa)",
  '^$|^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$': "an image tag: at most 128 letters, digits, '_', '.' and '-', no spaces (e.g. 3.6.21)",
  '^$|^sha256:[a-f0-9]{64}$': 'an image digest, sha256: and 64 lower-case hex digits, or empty',
  '^$|^https?://': 'an http:// or https:// URL, or empty',
  '^$|^[0-9a-f]{64}$': 'a SHA-256 as sha256sum prints it, 64 lower-case hex digits, or empty',
  '^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$':
    'a Kubernetes quantity (e.g. 1Gi or 500Mi)',
  '^$|^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$':
    'a Kubernetes quantity, or empty for none (e.g. 500m or 1 for CPU, 1Gi or 512Mi for memory)',
  '^(\\*|https?://[^/?#]+)$': 'an origin, scheme and host with no path (e.g. https://bot.example.com), or *',
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$': "a name of lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. website)",
  '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$': "empty, or a name of lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. website)",
  '^$|^https?://[^/?#]+$': 'a URL of scheme and host with no path (e.g. https://bot.example.com), or empty',
  '^(0|[1-9][0-9]{0,8})%$': 'a number of pods, or a percentage of them (e.g. 1 or 25%)',
  '^(0|[1-9][0-9]?|100)%$': 'a number of pods, or a percentage of them up to 100% (e.g. 0 or 25%)',
  '^$|^[1-9][0-9]*[smhdw]$': 'a lifetime: a number and s, m, h, d or w (e.g. 30d), or empty for tokens that never expire',
  '^$|^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$|^[0-9A-Za-z*/,?-]+( [0-9A-Za-z*/,?-]+){4}$':
    "a cron schedule of five fields, or @hourly, @daily, @weekly, @monthly, @yearly, or empty to derive it (e.g. '0 3 * * *')",
};
