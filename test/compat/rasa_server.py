#!/usr/bin/env python3
"""Serve Rasa's own socket.io channel (SocketIOInput) with an echo bot.

Unlike socketio_server.py, nothing here re-implements Rasa: the credentials
file is read by Rasa's own loader (so `${VAR}` expansion is Rasa's), the
channel is built by Rasa's own factory, mounted by Rasa's own
rasa.core.channels.channel.register() under "/webhooks/" as `rasa run` does,
and the JWT check, session_request/session_confirm and bot_uttered events are
Rasa's SocketIOInput / SocketIOOutput code. Only the agent is replaced: every
user message is answered with "echo: <text>" through Rasa's output channel.
With --cors the app gets Rasa's own CORS set-up, as `rasa run --cors` does;
without it, as with `rasa run`, a browser page on another origin cannot use
socket.io's polling transport.

Works with:
  * rasa-pro 3.21.x on Python 3.11 (rasa.core.config.credentials.CredentialsConfig
    .load_from_file + rasa.core.run.create_input_channels); no licence is needed
    because `rasa run` (which checks it) is not used.
  * Rasa Open Source 3.x on Python 3.8-3.10 (rasa.core.run.create_http_input_channels,
    which reads the file with rasa.shared.utils.io.read_config_file).

Usage:
  python rasa_server.py CREDENTIALS_YML [--port N] [--host 127.0.0.1]
                        [--connector socketio] [--cors ORIGIN]...

--port 0 (the default) picks a free port. Prints `READY <port>` on stdout once
the server listens, then one line per user message that reaches the agent:
`RECEIVED {"sender_id": ..., "text": ..., "input_channel": ...}` (JSON), so
a test can see what Rasa's channel made of a message. Rasa's log goes to
stderr. Stop it with SIGINT or SIGTERM.
"""

import argparse
import inspect
import json
import logging
import os
import socket
import sys
from pathlib import Path

# rasa-pro imports LiteLLM, which otherwise tries to download a model cost
# map from the internet at import time; its bundled copy is enough here.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

WEBHOOKS_ROUTE = "/webhooks/"  # rasa.core.constants.DEFAULT_WEBHOOKS_PATH


def load_input_channels(credentials_path, connector):
    """Build the input channels exactly as `rasa run --connector` would."""
    try:  # rasa-pro
        from rasa.core.config.credentials import CredentialsConfig
        from rasa.core.run import create_input_channels
    except ImportError:  # Rasa Open Source 3.x
        from rasa.core.run import create_http_input_channels

        return create_http_input_channels(connector, str(credentials_path))
    credentials = CredentialsConfig.load_from_file(Path(credentials_path))
    return create_input_channels(connector, credentials)


class EchoAgent:
    """Stands in for rasa.core.agent.Agent: answers "echo: <text>"."""

    async def handle_message(self, message):
        received = {
            "sender_id": message.sender_id,
            "text": message.text,
            "input_channel": message.input_channel,
        }
        print(f"RECEIVED {json.dumps(received)}", flush=True)
        await message.output_channel.send_text_message(
            message.sender_id, f"echo: {message.text}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("credentials", help="path of a Rasa credentials.yml")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--connector", default="socketio")
    parser.add_argument("--cors", action="append", default=None,
                        help="allowed origin, repeatable (\"*\" for any), as `rasa run --cors`")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, stream=sys.stderr)

    from sanic import Sanic

    import rasa.core.channels.channel

    input_channels = load_input_channels(args.credentials, args.connector)

    app = Sanic("rasa_compat_server")
    if args.cors is not None:
        # what `rasa run --cors` calls (defined there in Rasa Open Source 3.x,
        # imported there from rasa.utils.cors in rasa-pro)
        from rasa.server import configure_cors

        configure_cors(app, args.cors)
    app.ctx.agent = EchoAgent()
    try:  # Rasa 3.0.x's register() reads app.agent (Sanic 21.9 still allows it)
        app.agent = app.ctx.agent
    except AttributeError:  # Sanic >= 21.12 forbids it; Rasa reads app.ctx.agent
        pass
    rasa.core.channels.channel.register(input_channels, app, route=WEBHOOKS_ROUTE)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]

    @app.listener("after_server_start")
    async def announce(*_):
        print(f"READY {port}", flush=True)

    run_params = inspect.signature(app.run).parameters
    run_kwargs = dict(sock=sock, access_log=False)
    if "motd" in run_params:  # Sanic >= 21.12
        run_kwargs["motd"] = False
    if "single_process" in run_params:
        # Sanic >= 22.9 (rasa-pro) forks a worker process unless told not to
        run_kwargs["single_process"] = True
    else:  # Sanic 21.x (Rasa Open Source 3.x) serves in this process
        run_kwargs["workers"] = 1
    app.run(**run_kwargs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
