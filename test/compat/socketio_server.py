#!/usr/bin/env python3
"""Stand-in for Rasa's socket.io channel: same JWT rule, same events, echo bot.

A small python-socketio 5 + aiohttp server for tests that cannot run Rasa
itself. Its handlers copy Rasa's, from rasa/core/channels/socketio.py
(SocketIOInput.blueprint(): connect, session_request -> handle_session_request,
user_message_evt -> handle_user_message; SocketIOOutput.send_text_message) and
rasa/core/channels/channel.py (decode_bearer_token, decode_jwt, via
rasa_jwt_check.py beside this file), as found in rasa-pro 3.21.0 (the same
rule as Rasa Open Source 3.0.0-3.6.21):

  * connect: when the key is set, auth["token"] must be present and non-empty;
    "Bearer " is removed with str.replace; jwt.decode(token, key,
    algorithms=<method string>); any exception or a falsy payload ({}) makes
    the handler return False, which python-socketio sends as CONNECT_ERROR
    {"message": "Connection rejected by server"}. When the key is empty the
    check is off and every connection is accepted (Rasa's `if self.jwt_key`).
  * session_request {"session_id": ...}: a missing/null session_id becomes
    uuid4().hex; with --session-persistence the socket joins a room named
    after it; then session_confirm is emitted with the bare session id string.
  * user message event {"message": ..., "session_id": ..., <metadata_key>: ...}:
    the reply "echo: <message>" is split on blank lines like Rasa's
    send_text_message and each part is emitted as the bot event {"text": part}
    to the room of the sender (the socket id, or the session id with
    --session-persistence; a message without session_id is then ignored).
  * Like Rasa, session_confirm and bot messages are emitted without a
    namespace argument, i.e. on "/" even when --namespace is set.
  * GET /webhooks/socketio/ answers {"status": "ok"} like Rasa's blueprint.

Usage:
  python socketio_server.py [--port N] [--host 127.0.0.1] [--path /socket.io]
      [--method HS256] [--key-env RASA_SOCKETIO_JWT_KEY]
      [--user-message-evt user_uttered] [--bot-message-evt bot_uttered]
      [--namespace NS] [--session-persistence] [--metadata-key metadata]

The port comes from --port, else from the SOCKETIO_SERVER_PORT environment
variable, else 0 (a free port). The JWT key is read from the environment
variable named by --key-env; if that variable is unset the server exits with
status 2, as Rasa refuses to load `jwt_key: ${VAR}` with VAR unset. Prints
`READY <port>` on stdout once listening; logs go to stderr. Stops on SIGINT
or SIGTERM. Requirements: requirements-server.txt.
"""

import argparse
import asyncio
import inspect
import json
import logging
import os
import signal
import sys
import uuid

import jwt
import socketio
from aiohttp import web

from rasa_jwt_check import decode_jwt

logger = logging.getLogger("socketio_server")


def decode_bearer_token(bearer_token, jwt_key, jwt_algorithm):
    """rasa.core.channels.channel.decode_bearer_token"""
    try:
        return decode_jwt(bearer_token, jwt_key, jwt_algorithm)
    except jwt.exceptions.InvalidSignatureError:
        logger.error("JWT public key invalid.")
    except Exception:
        logger.exception("Failed to decode bearer token.")
    return None


def build_app(args, jwt_key):
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=[])
    app = web.Application()
    sio.attach(app, socketio_path=args.path)

    async def health(_request):
        # Sanic's response.json() writes compact JSON
        return web.json_response({"status": "ok"}, dumps=lambda o: json.dumps(o, separators=(",", ":")))

    app.router.add_get("/webhooks/socketio/", health)

    async def send_text_message(recipient_id, text):
        """SocketIOOutput.send_text_message -> _send_message"""
        for message_part in text.strip().split("\n\n"):
            if not message_part.strip():
                continue
            await sio.emit(args.bot_message_evt, {"text": message_part}, room=recipient_id)

    @sio.on("connect", namespace=args.namespace)
    async def connect(sid, environ, auth):
        if jwt_key:
            jwt_payload = None
            if auth and auth.get("token"):
                jwt_payload = decode_bearer_token(auth.get("token"), jwt_key, args.method)

            if jwt_payload:
                logger.debug("User %s connected to socketIO endpoint.", sid)
                return True
            else:
                return False
        else:
            logger.debug("User %s connected to socketIO endpoint.", sid)
            return True

    @sio.on("disconnect", namespace=args.namespace)
    async def disconnect(sid, *_reason):
        logger.debug("User %s disconnected from socketIO endpoint.", sid)

    @sio.on("session_request", namespace=args.namespace)
    async def session_request(sid, data):
        if data is None:
            data = {}
        if "session_id" not in data or data["session_id"] is None:
            data["session_id"] = uuid.uuid4().hex
        if args.session_persistence:
            entered = sio.enter_room(sid, data["session_id"])
            if inspect.isawaitable(entered):  # async since python-socketio 5.10
                await entered
        await sio.emit("session_confirm", data["session_id"], room=sid)
        logger.debug("User %s connected to socketIO endpoint.", sid)

    @sio.on(args.user_message_evt, namespace=args.namespace)
    async def handle_message(sid, data):
        if args.session_persistence:
            if not data.get("session_id"):
                logger.warning(
                    "A message without a valid session_id was received. "
                    "This message will be ignored."
                )
                return
            sender_id = data["session_id"]
        else:
            sender_id = sid

        metadata = data.get(args.metadata_key, {})
        if isinstance(metadata, str):
            metadata = json.loads(metadata)

        text = data.get("message", "")
        await send_text_message(sender_id, f"echo: {text}")

    return app, sio


async def serve(args, jwt_key):
    app, sio = build_app(args, jwt_key)
    # do not wait the default 60 s for clients that keep a connection open
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, args.host, args.port)
    await site.start()
    port = runner.addresses[0][1]
    print(f"READY {port}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await sio.shutdown()  # disconnects every client
    await runner.cleanup()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int,
                        default=int(os.environ.get("SOCKETIO_SERVER_PORT", "0")))
    parser.add_argument("--path", default="/socket.io")
    parser.add_argument("--method", default="HS256")
    parser.add_argument("--key-env", default="RASA_SOCKETIO_JWT_KEY")
    parser.add_argument("--user-message-evt", default="user_uttered")
    parser.add_argument("--bot-message-evt", default="bot_uttered")
    parser.add_argument("--namespace", default=None)
    parser.add_argument("--session-persistence", action="store_true")
    parser.add_argument("--metadata-key", default="metadata")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(levelname)s:%(name)s:%(message)s")

    jwt_key = os.environ.get(args.key_env)
    if jwt_key is None:
        print(f"environment variable {args.key_env} is not set", file=sys.stderr)
        return 2
    if not jwt_key:
        logger.warning("%s is empty: JWT check is off, as in Rasa", args.key_env)

    asyncio.run(serve(args, jwt_key))
    return 0


if __name__ == "__main__":
    sys.exit(main())
