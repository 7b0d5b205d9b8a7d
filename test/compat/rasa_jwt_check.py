#!/usr/bin/env python3
"""Apply Rasa's socket.io JWT connect check to tokens read from stdin.

This mirrors, line for line, the check Rasa runs when a socket.io client
connects to its `socketio` channel with `jwt_key` set:

  rasa/core/channels/socketio.py  SocketIOInput.blueprint() -> connect(sid, environ, auth)
      if self.jwt_key:
          jwt_payload = None
          if auth and auth.get("token"):
              jwt_payload = rasa.core.channels.channel.decode_bearer_token(
                  auth.get("token"), self.jwt_key, self.jwt_algorithm)
          if jwt_payload: return True
          else: return False
      else: return True
  rasa/core/channels/channel.py   decode_bearer_token() -> decode_jwt()
      authorization_header_value = bearer_token.replace(BEARER_TOKEN_PREFIX, "")
      return jwt.decode(authorization_header_value, jwt_key, algorithms=jwt_algorithm)
      (decode_bearer_token catches every exception and returns None)
  rasa/core/constants.py          BEARER_TOKEN_PREFIX = "Bearer "
  SocketIOInput.from_credentials() jwt_method defaults to "HS256"

The code is the same in Rasa Open Source 3.0.0 and 3.6.21 and in rasa-pro
3.21.0. Note what it implies:
  * "Bearer " is removed everywhere in the string (str.replace), not only as
    a prefix, and only with that exact spelling ("bearer " stays).
  * `algorithms` is passed the jwt_method string itself, not a list.
  * no options, audience, issuer or leeway are passed, so PyJWT's defaults
    decide which claims (exp, nbf, iat, aud, iss, sub, jti) are checked.
  * a decoded payload that is falsy ({}) refuses the connection.
  * a missing or empty token refuses the connection without calling PyJWT.
  * a falsy key (null, "") switches the check off: every connection is
    accepted. That is Rasa's rule, reported here with payload null.

Input, one JSON object per line:
  {"id": any, "token": any, "key": any, "method": any}
  "method" defaults to "HS256" when absent (as in from_credentials); every
  other value, including null, is passed to PyJWT as is.
Output, one JSON line per input line, in order:
  {"id": ..., "accepted": bool, "payload": object or null,
   "error": "ExceptionClassName: message" or null,
   "warnings": ["WarningClassName: message", ...]}
  "payload" is what jwt.decode returned (so {} for an empty payload, which is
  refused). "warnings" lists warnings raised while decoding (PyJWT >= 2.10
  warns about short HMAC keys). A line that is not a JSON object gives
  id null, accepted false and an "InputError: ..." error.

With --version the first output line is {"pyjwt": "<version>"}; stdin is
then read as usual (give it /dev/null to get only the version).

Needs only PyJWT (Rasa installs PyJWT[crypto]; see requirements-*.txt).
"""

import json
import sys
import warnings

import jwt

# rasa/core/constants.py
BEARER_TOKEN_PREFIX = "Bearer "


def decode_jwt(bearer_token, jwt_key, jwt_algorithm):
    """rasa.core.channels.channel.decode_jwt"""
    authorization_header_value = bearer_token.replace(BEARER_TOKEN_PREFIX, "")
    return jwt.decode(authorization_header_value, jwt_key, algorithms=jwt_algorithm)


def describe(exc):
    return f"{type(exc).__name__}: {exc}"


def check(case):
    """Rasa's connect() decision for one input object."""
    result = {"id": case.get("id"), "accepted": False, "payload": None,
              "error": None, "warnings": []}
    key = case.get("key")
    method = case.get("method", "HS256")
    token = case.get("token")

    if not key:  # `if self.jwt_key:` is false: no check at all
        result["accepted"] = True
        return result

    if not token:  # `if auth and auth.get("token"):` is false
        return result

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            payload = decode_jwt(token, key, method)
        except Exception as exc:  # decode_bearer_token catches everything
            result["error"] = describe(exc)
            payload = None
    result["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]

    result["payload"] = payload
    result["accepted"] = bool(payload)  # `if jwt_payload:`
    return result


def main(argv):
    out = sys.stdout
    if "--version" in argv[1:]:
        out.write(json.dumps({"pyjwt": jwt.__version__}) + "\n")
        out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            if not isinstance(case, dict):
                raise ValueError("input line is not a JSON object")
        except ValueError as exc:
            result = {"id": None, "accepted": False, "payload": None,
                      "error": f"InputError: {exc}", "warnings": []}
        else:
            result = check(case)
        out.write(json.dumps(result) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
