#!/usr/bin/env python3
"""Package a root filesystem directory as a single-layer OCI image archive.

The output is an OCI image layout (https://github.com/opencontainers/image-spec/blob/main/image-layout.md)
in one tar file, which `ctr -n k8s.io images import ARCHIVE` (containerd), `podman load -i`,
`skopeo copy oci-archive:ARCHIVE ...` and `docker load` (v25+) accept:

    oci-layout
    index.json                   one manifest descriptor per --ref, all pointing at the same manifest
    blobs/sha256/<manifest>      OCI image manifest
    blobs/sha256/<config>        OCI image config (entrypoint, cmd, env, workdir, user, labels)
    blobs/sha256/<layer>         the rootfs as one uncompressed tar layer

Each index.json descriptor carries the full reference (e.g. registry.k8s.io/pause:3.10) in both
`io.containerd.image.name` (what containerd and docker name the image after) and
`org.opencontainers.image.ref.name` (what podman/skopeo read), so every tool lands on the same name.

The archive is reproducible: entries sorted by path, every mtime 0, no user/group names, and the
config's creation time fixed at the epoch. The same rootfs and options give byte-identical output,
hence the same image digest, which lets callers skip re-importing an image containerd already has.

Ownership comes from the files themselves (uid/gid as on disk), unless --owner forces one owner for
every entry; build the rootfs as root, or pass --owner 0:0, for a conventional root-owned image.
Regular files, directories, symlinks, hard links (kept as links), FIFOs and device nodes are
stored; sockets are skipped with a warning. Extended attributes (file capabilities, SELinux
labels) are not stored.

Python 3 standard library only. Memory use stays small for large root filesystems: the layer is
streamed to a temporary file next to the output while being hashed.
"""

import argparse
import hashlib
import io
import json
import os
import platform
import stat
import sys
import tarfile
import tempfile

# The default search path of the Docker/OCI image conventions; containers without a PATH in their
# image config would otherwise depend on whatever their runtime decides.
DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
EPOCH = "1970-01-01T00:00:00Z"
CHUNK = 1 << 20

MEDIA_INDEX = "application/vnd.oci.image.index.v1+json"
MEDIA_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MEDIA_CONFIG = "application/vnd.oci.image.config.v1+json"
MEDIA_LAYER = "application/vnd.oci.image.layer.v1.tar"


class HashingWriter(io.RawIOBase):
    """A write-only file object that forwards to `target` while computing sha256 and size."""

    def __init__(self, target):
        super().__init__()
        self.target = target
        self.sha = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.target.write(data)
        self.sha.update(data)
        self.size += len(data)
        return len(data)


def command_list(value):
    """Entrypoint/cmd as an exec-form list: a JSON array, or a single word taken as one argument."""
    if value.lstrip().startswith("["):
        parsed = json.loads(value)
        if not isinstance(parsed, list) or not all(isinstance(x, str) for x in parsed):
            raise argparse.ArgumentTypeError(f"{value!r} must be a JSON array of strings")
        return parsed
    return [value]


def owner(value):
    try:
        uid, gid = (int(x) for x in value.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} must be UID:GID, e.g. 0:0")
    return uid, gid


def key_value(value):
    if "=" not in value or value.startswith("="):
        raise argparse.ArgumentTypeError(f"{value!r} must be KEY=VALUE")
    return value


def default_arch():
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "ppc64le": "ppc64le",
            "s390x": "s390x", "riscv64": "riscv64"}.get(machine, machine)


def iter_tree(root, rel=""):
    """Paths under root, relative to it: parents before children, siblings sorted by name."""
    for name in sorted(os.listdir(os.path.join(root, rel) if rel else root)):
        child = f"{rel}/{name}" if rel else name
        yield child
        if stat.S_ISDIR(os.lstat(os.path.join(root, child)).st_mode):
            yield from iter_tree(root, child)


def write_layer(rootfs, out, forced_owner):
    """Write the rootfs as a tar stream to `out`; returns the number of entries."""
    count = 0
    # (st_dev, st_ino) -> first path seen, so later names of the same inode become hard links.
    seen_inodes = {}
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        for rel in iter_tree(rootfs):
            path = os.path.join(rootfs, rel)
            st = os.lstat(path)
            info = tarfile.TarInfo(rel)
            info.mode = stat.S_IMODE(st.st_mode)
            info.mtime = 0
            info.uid, info.gid = forced_owner if forced_owner else (st.st_uid, st.st_gid)
            info.uname = info.gname = ""
            data = None
            if stat.S_ISREG(st.st_mode) and st.st_nlink > 1 and (st.st_dev, st.st_ino) in seen_inodes:
                info.type = tarfile.LNKTYPE
                info.linkname = seen_inodes[(st.st_dev, st.st_ino)]
            elif stat.S_ISREG(st.st_mode):
                if st.st_nlink > 1:
                    seen_inodes[(st.st_dev, st.st_ino)] = rel
                info.type = tarfile.REGTYPE
                info.size = st.st_size
                data = path
            elif stat.S_ISDIR(st.st_mode):
                info.type = tarfile.DIRTYPE
            elif stat.S_ISLNK(st.st_mode):
                info.type = tarfile.SYMTYPE
                info.linkname = os.readlink(path)
            elif stat.S_ISFIFO(st.st_mode):
                info.type = tarfile.FIFOTYPE
            elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                info.type = tarfile.CHRTYPE if stat.S_ISCHR(st.st_mode) else tarfile.BLKTYPE
                info.devmajor, info.devminor = os.major(st.st_rdev), os.minor(st.st_rdev)
            else:
                print(f"oci-archive: skipping {rel}: not a file, directory, link, FIFO or device",
                      file=sys.stderr)
                continue
            if data is None:
                tar.addfile(info)
            else:
                with open(data, "rb") as f:
                    tar.addfile(info, f)
            count += 1
    return count


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def add_dir(tar, name):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = 0o755
    info.mtime = 0
    tar.addfile(info)


def canonical_json(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def merged_env(env_args):
    """The PATH default plus --env entries; a later KEY= replaces an earlier one in place."""
    env = [DEFAULT_PATH]
    for entry in env_args:
        key = entry.split("=", 1)[0]
        env = [e for e in env if e.split("=", 1)[0] != key] + [entry]
    return env


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="oci-archive.py",
        description=__doc__.split("\n\n")[0],
        epilog=("Example:\n"
                "  oci-archive.py rootfs/ pause.tar --ref registry.k8s.io/pause:3.10 \\\n"
                "      --entrypoint /pause --owner 0:0\n"
                "  ctr -n k8s.io images import pause.tar\n\n"
                + "\n\n".join(__doc__.split("\n\n")[1:])),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rootfs", help="directory whose contents become the image's /")
    parser.add_argument("output", help="archive to write (replaced atomically)")
    parser.add_argument("--ref", action="append", required=True, metavar="NAME",
                        help="full image reference, e.g. registry.k8s.io/pause:3.10 or "
                             "docker.io/library/busybox:1.35; repeat for more names of the same image")
    parser.add_argument("--entrypoint", type=command_list, metavar="ARGV",
                        help='Entrypoint: a JSON array (\'["/bin/sh","-c"]\') or one path (/pause)')
    parser.add_argument("--cmd", type=command_list, metavar="ARGV",
                        help="Cmd (the default arguments to the entrypoint), same forms as --entrypoint")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help=f"environment variable, repeatable; {DEFAULT_PATH} is set unless you "
                             "pass your own PATH=")
    parser.add_argument("--workdir", metavar="DIR", help="WorkingDir (absolute path)")
    parser.add_argument("--user", metavar="USER", help="User, e.g. 65532 or 65532:65532 (Kubernetes' "
                        "runAsNonRoot can only verify a numeric user)")
    parser.add_argument("--label", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="image config label, repeatable")
    parser.add_argument("--owner", type=owner, metavar="UID:GID",
                        help="store every entry with this owner instead of the owner on disk")
    parser.add_argument("--arch", default=default_arch(),
                        help="image architecture (default: this machine's, %(default)s)")
    parser.add_argument("--os", default="linux", help="image OS (default: %(default)s)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.rootfs):
        parser.error(f"rootfs {args.rootfs!r} is not a directory")
    if args.workdir and not args.workdir.startswith("/"):
        parser.error(f"--workdir ({args.workdir!r}) must be an absolute path")
    for ref in args.ref:
        # A bare name would be normalised differently by each tool (docker.io/library/... or
        # localhost/...); insisting on registry/repository:tag keeps the imported name predictable.
        last = ref.rsplit("/", 1)[-1]
        if "/" not in ref or ("." not in ref.split("/")[0] and ":" not in ref.split("/")[0]
                              and ref.split("/")[0] != "localhost") or (":" not in last and "@" not in last):
            parser.error(f"--ref ({ref!r}) must be a full reference: registry/repository:tag, "
                         "e.g. registry.k8s.io/pause:3.10")
    return args


def main(argv):
    args = parse_args(argv)
    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix=".oci-archive.", dir=out_dir) as work:
        layer_path = os.path.join(work, "layer.tar")
        with open(layer_path, "wb") as raw:
            hashing = HashingWriter(raw)
            entries = write_layer(args.rootfs, hashing, args.owner)
        layer_digest = "sha256:" + hashing.sha.hexdigest()
        layer_size = hashing.size

        container_config = {"Env": merged_env(args.env)}
        if args.entrypoint is not None:
            container_config["Entrypoint"] = args.entrypoint
        if args.cmd is not None:
            container_config["Cmd"] = args.cmd
        if args.workdir:
            container_config["WorkingDir"] = args.workdir
        if args.user:
            container_config["User"] = args.user
        if args.label:
            container_config["Labels"] = dict(label.split("=", 1) for label in args.label)
        config = canonical_json({
            "architecture": args.arch,
            "os": args.os,
            "created": EPOCH,
            "config": container_config,
            "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
            "history": [{"created": EPOCH, "created_by": "scripts/images/oci-archive.py"}],
        })
        config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
        manifest = canonical_json({
            "schemaVersion": 2,
            "mediaType": MEDIA_MANIFEST,
            "config": {"mediaType": MEDIA_CONFIG, "digest": config_digest, "size": len(config)},
            "layers": [{"mediaType": MEDIA_LAYER, "digest": layer_digest, "size": layer_size}],
        })
        manifest_digest = "sha256:" + hashlib.sha256(manifest).hexdigest()
        index = canonical_json({
            "schemaVersion": 2,
            "mediaType": MEDIA_INDEX,
            "manifests": [{
                "mediaType": MEDIA_MANIFEST,
                "digest": manifest_digest,
                "size": len(manifest),
                "platform": {"architecture": args.arch, "os": args.os},
                "annotations": {"io.containerd.image.name": ref, "org.opencontainers.image.ref.name": ref},
            } for ref in args.ref],
        })

        tmp_out = os.path.join(work, "image.tar")
        with tarfile.open(tmp_out, "w", format=tarfile.PAX_FORMAT) as tar:
            add_bytes(tar, "oci-layout", canonical_json({"imageLayoutVersion": "1.0.0"}))
            add_bytes(tar, "index.json", index)
            add_dir(tar, "blobs")
            add_dir(tar, "blobs/sha256")
            # Blobs in digest order, so the archive does not depend on which was computed first.
            blobs = sorted([(config_digest, config), (manifest_digest, manifest), (layer_digest, None)])
            for digest, data in blobs:
                name = "blobs/sha256/" + digest.split(":", 1)[1]
                if data is not None:
                    add_bytes(tar, name, data)
                else:
                    info = tarfile.TarInfo(name)
                    info.size = layer_size
                    info.mode = 0o644
                    info.mtime = 0
                    with open(layer_path, "rb") as f:
                        tar.addfile(info, f)
        os.replace(tmp_out, args.output)

    print(f"oci-archive: {args.output}: {', '.join(args.ref)} manifest {manifest_digest} "
          f"({entries} entries, layer {layer_size} bytes)", file=sys.stderr)
    # stdout: the manifest digest alone, for scripts (e.g. to compare with `ctr images ls`).
    print(manifest_digest)


if __name__ == "__main__":
    main(sys.argv[1:])
