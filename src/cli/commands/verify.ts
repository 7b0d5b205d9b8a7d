import { parseArgs } from 'node:util';
import { checkMethod, rasaDecision } from '../../minter/index.js';
import type { Command } from '../command.js';
import { EXIT, usageError } from '../errors.js';
import { KEY_OPTIONS, readKey } from '../key-source.js';

export const verify: Command = {
  name: 'verify',
  usage: `rasa-socketio-jwt verify (--key-file FILE | --key-env VAR) --token T [--method M]

Decides as Rasa does (PyJWT decode with the channel's key and jwt_method, no audience, no leeway,
then a non-empty payload). Exit 0 and the payload when Rasa would accept the token; exit 1 and
the reason when it would not.

  --token T          the token ("Bearer " prefix allowed, as Rasa strips it)
  --method M         the channel's jwt_method (default: HS256)`,

  async run(argv, env) {
    const { values: o } = parseArgs({
      args: [...argv],
      options: {
        ...KEY_OPTIONS,
        token: { type: 'string' },
        method: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (o.token === undefined) throw usageError('--token is required');
    const method = checkMethod(o.method ?? 'HS256', '--method');
    const decision = await rasaDecision(o.token, readKey(o, env, method), method, Date.now());
    return decision.accepted
      ? { stdout: `accepted: ${JSON.stringify(decision.payload)}\n` }
      : { stdout: `refused: ${decision.reason}\n`, exitCode: EXIT.REFUSED };
  },
};
