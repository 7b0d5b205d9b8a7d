# The Rasa container's readiness probe when the HTTP API is on (rasa-socketio-jwt), run as
# `python -c <this file> PORT TOKEN_ENV` in the container: ready only when Rasa has a model loaded,
# which GET / cannot tell (Rasa answers it with no model: a model server that sends no ETag, or
# --enable-api without a model). GET /status answers 200 with a model, 409 without; it needs the
# API token, read here from the environment variable TOKEN_ENV (a probe's spec cannot read a
# Secret). What it prints ends up in the pod's events: the reason, never the token or the URL.
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


def main(port, token_env):
    query = urllib.parse.urlencode({"token": os.environ.get(token_env, "")})
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s/status?%s" % (port, query), timeout=4):
            return 0
    except urllib.error.HTTPError as error:
        reason = "no model is loaded" if error.code == 409 else "HTTP %d" % error.code
        print("not ready: GET /status: %s" % reason)
    except (urllib.error.URLError, OSError) as error:
        print("not ready: GET /status: %s" % getattr(error, "reason", error))
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
