"""What Rasa itself makes of the files and arguments our Deployment gives it.

Reads one JSON object on stdin: {"args": [...], "credentials": PATH, "endpoints": PATH}, the
container's arguments after the image's ENTRYPOINT `rasa`, and the two files of the ConfigMap.
The environment must hold what the pod's env would (the key, other channels' secrets). Prints
one JSON object: the arguments as Rasa's own argument parser reads them, the input channels as
Rasa builds them from credentials.yml (its own loader, so ${VAR} expansion is Rasa's), and the
endpoints as Rasa reads endpoints.yml. Exits non-zero, with Rasa's error, when Rasa refuses.
"""

import json
import os
import sys
from pathlib import Path

# rasa-pro imports LiteLLM, which otherwise tries to download a model cost map at import time.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from rasa.__main__ import create_argument_parser  # noqa: E402

from rasa_server import load_input_channels  # noqa: E402


def endpoints_of(path):
    from rasa.utils.endpoints import read_endpoint_config

    found = {}
    for name in ("models", "tracker_store", "lock_store", "action_endpoint"):
        config = read_endpoint_config(str(path), name)
        if config is not None:
            found[name] = {"url": config.url, "type": config.type, **{k: v for k, v in config.kwargs.items() if k != "password"}}
            found[name]["has_password"] = "password" in config.kwargs and bool(config.kwargs["password"])
    return found


def main():
    request = json.load(sys.stdin)
    args = create_argument_parser().parse_args(request["args"])
    channels = load_input_channels(Path(request["credentials"]), None)
    socketio = [c for c in channels if c.name() == "socketio"]
    print(json.dumps({
        "args": {
            "command": request["args"][0],
            "port": args.port,
            "credentials": args.credentials,
            "endpoints": args.endpoints,
            "model": getattr(args, "model", None),
            "enable_api": args.enable_api,
            "auth_token": args.auth_token,
            "cors": args.cors,
        },
        "channels": sorted(c.name() for c in channels),
        "socketio": {
            "jwt_key": socketio[0].jwt_key,
            "jwt_algorithm": socketio[0].jwt_algorithm,
            "socketio_path": socketio[0].socketio_path,
            "namespace": socketio[0].namespace,
            "session_persistence": socketio[0].session_persistence,
            "user_message_evt": socketio[0].user_message_evt,
            "bot_message_evt": socketio[0].bot_message_evt,
        } if socketio else None,
        "endpoints": endpoints_of(request["endpoints"]),
    }))


if __name__ == "__main__":
    main()
