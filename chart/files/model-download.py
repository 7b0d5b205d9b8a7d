# Fetches a Rasa model before Rasa starts: the model-download init container of rasa-socketio-jwt,
# run as `python -c <this file> URL SHA256 FILE` on the Rasa image itself (which has Python).
# The body is streamed to a temporary file beside FILE and renamed to FILE only when its SHA-256 is
# the one given, so Rasa never sees a partial or a wrong model. A FILE already there with that
# SHA-256 (a claim kept across restarts) is used as it is. With MODEL_DOWNLOAD_TOKEN set, the
# request carries `Authorization: Bearer <token>` (never on a redirect, which may lead to another
# host). Logs name the URL without its query string or credentials, and never the token.
# Exits 0 when FILE holds the model, 1 otherwise.
import hashlib
import os
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

CHUNK = 1 << 20


def log(message, stream=sys.stdout):
    print("model-download: " + message, file=stream, flush=True)


def shown(url):
    """The URL for a log line: no user, password or query string (a signed URL carries its key there)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = "%s:%d" % (host, parts.port)
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "..." if parts.query else "", ""))


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download(url, expected, target):
    request = urllib.request.Request(url, headers={"User-Agent": "rasa-socketio-jwt model-download"})
    token = os.environ.get("MODEL_DOWNLOAD_TOKEN", "")
    if token:
        request.add_unredirected_header("Authorization", "Bearer " + token)
    fd, partial = tempfile.mkstemp(prefix=".download-", suffix=".part", dir=os.path.dirname(target))
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out:
            with urllib.request.urlopen(request, timeout=60) as response:
                for chunk in iter(lambda: response.read(CHUNK), b""):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        got = digest.hexdigest()
        if got != expected:
            log("sha256 mismatch for %s: expected %s, got %s; the file is not used" % (shown(url), expected, got), sys.stderr)
            return 1
        # mkstemp makes the file readable by its owner alone; Rasa may run as another user of the group.
        os.chmod(partial, 0o644)
        os.replace(partial, target)
        log("%s -> %s (%d bytes, sha256 %s)" % (shown(url), target, size, got))
        return 0
    except urllib.error.HTTPError as error:
        log("%s answered HTTP %d %s" % (shown(url), error.code, error.reason), sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as error:
        log("could not fetch %s: %s" % (shown(url), getattr(error, "reason", error)), sys.stderr)
        return 1
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def main(argv):
    if len(argv) != 3:
        log("usage: URL SHA256 FILE", sys.stderr)
        return 2
    url, expected, target = argv[0], argv[1].lower(), argv[2]
    if os.path.isfile(target) and sha256_of(target) == expected:
        log("%s is already there with sha256 %s; not fetching it again" % (target, expected))
        return 0
    return download(url, expected, target)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
