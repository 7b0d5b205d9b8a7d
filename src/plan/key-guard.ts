import type { Settings } from '../settings/index.js';
import { KEY_BYTES_FOR } from '../settings/index.js';

/**
 * The Rasa container's command: a POSIX shell check of the key's length, then `exec rasa` with
 * the container's args (the images' ENTRYPOINT is `rasa`, so the args stay what `rasa run` takes).
 *
 * Why in the container and at every start: Rasa 3.6 treats an empty `jwt_key` as no key and
 * accepts anyone, and only the running pod sees what the Secret holds. The env is read from the
 * Secret again at each container restart, where an init container would not run again. `${#VAR}`
 * counts bytes in dash (the stock images' /bin/sh) and characters in bash, so a multi-byte key
 * can only be refused wrongly, never let through short. The message names the Secret, never the key.
 *
 * Twin: the chart's "rasa.keyGuardCommand" helper, which renders the same list.
 */
export function keyGuardCommand(s: Settings): string[] {
  const key = s.socketio.jwtKey;
  const needed = KEY_BYTES_FOR[s.socketio.jwtMethod];
  const length = `\${#${key.envName}}`;
  const script = `if [ "${length}" -lt ${needed} ]; then `
    + `echo "rasa-socketio-jwt: not starting Rasa: ${key.envName} (Secret ${key.secretName}, key ${key.secretKey}) holds ${length} bytes;`
    + ` ${s.socketio.jwtMethod} needs at least ${needed}, and with an empty jwt_key Rasa would let anyone chat without a token.`
    + ` Put a longer key into the Secret (openssl rand -hex 32)." >&2; exit 1; fi; exec rasa "$@"`;
  // $0 of the script is "rasa", so that the shell's own messages name the program.
  return ['sh', '-c', script, 'rasa'];
}
