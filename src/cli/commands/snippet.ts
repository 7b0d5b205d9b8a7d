import { parseArgs } from 'node:util';
import { legacySnippet, webComponentSnippet } from '../../minter/index.js';
import type { Command } from '../command.js';
import { usageError } from '../errors.js';

export const snippet: Command = {
  name: 'snippet',
  usage: `rasa-socketio-jwt snippet --url U --token T [--widget legacy|web-component] [--initial-payload P]

  --url U              public origin of the Rasa server (https://bot.example.com, no path)
  --token T            the widget's token (see mint)
  --widget W           legacy: the Rasa Chat Widget (@rasahq/rasa-chat, the default);
                       web-component: <rasa-chatbot-widget> (@rasahq/chat-widget-ui)
  --initial-payload P  message sent when the chat opens (e.g. /greet)`,

  run(argv) {
    const { values: o } = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        widget: { type: 'string', default: 'legacy' },
        'initial-payload': { type: 'string', default: '' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!o.url || !o.token) throw usageError('--url and --token are required');
    // socket.io-client reads a URL path as a namespace, so the widgets need a bare origin.
    if (!/^https?:\/\/[^/?#]+\/?$/.test(o.url)) {
      throw usageError(`--url (${o.url}) must be an origin like https://bot.example.com: socket.io reads a path as a namespace`);
    }
    const input = { url: o.url.replace(/\/$/, ''), token: o.token, initialPayload: o['initial-payload'] };
    if (o.widget === 'legacy') return { stdout: legacySnippet(input) };
    if (o.widget === 'web-component') return { stdout: webComponentSnippet(input) };
    throw usageError(`--widget (${o.widget}) must be legacy or web-component`);
  },
};
