"""Where the program may write: never inside the open bundle (a memo over bundle.json, a store in evidence/),
judged on the resolved path, links followed, so a link or `..` cannot lead a write back in."""

import os
from pathlib import Path


class UsageError(Exception):
    """An output or store path the program refuses; str() is one line in Chinese and English."""


def _real(path) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(os.fspath(path))))


def _same_folder_below(real: str, root: str) -> bool:
    """True when real or a folder above it that exists is the folder root by device and inode: a bind mount
    or a case variant on a case-insensitive disk reaches the bundle under a path realpath cannot tell."""
    try:
        want = os.stat(root)
    except OSError:
        return False
    here = real
    while True:
        try:
            st = os.stat(here)
            if (st.st_dev, st.st_ino) == (want.st_dev, want.st_ino):
                return True
        except OSError:
            pass  # not made yet (the memo to write, a new store folder): its parents decide
        parent = os.path.dirname(here)
        if parent == here:
            return False
        here = parent


def _image_own(real: str, image: str) -> bool:
    """For an image opened on its own (the bundle root is its file): True when real is a file of the image's
    folder that exists (a segment, a log beside it, the image itself) or bears the image's stem (usb.E02,
    usb.003, usb.txt: a new file so named would join the set as a segment or be read as its log)."""
    folder, name = os.path.split(real)
    try:
        if os.path.isdir(real) or not os.path.samefile(folder, os.path.dirname(image)):
            return False  # a folder there (a store's) holds none of the image's bytes
    except OSError:
        return False
    stem = os.path.basename(image).split(".", 1)[0]
    return os.path.lexists(real) or os.path.normcase(name).startswith(os.path.normcase(stem) + ".")


def inside_bundle(path, bundle_root) -> bool:
    """True when path, resolved with every link followed (also the links of a path not yet made), is the
    bundle folder or anything below it, by name or by the folder's device and inode. For a disk image opened
    on its own (bundle_root its file): the image's own files (_image_own)."""
    real, root = _real(path), _real(bundle_root)
    if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
        return True
    if os.path.isfile(root):
        return _image_own(real, root)
    return _same_folder_below(real, root)


def enclosing_bundle(path) -> str | None:
    """The nearest folder above path (resolved, links followed) that holds a bundle.json: a bundle not open
    now is evidence all the same (an identity or the sample cases written into one would change it)."""
    here = os.path.dirname(_real(path))
    while True:
        if os.path.lexists(os.path.join(here, "bundle.json")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def output_problem(path, bundle_root, what_zh: str = "输出文件", what_en: str = "output") -> str | None:
    """The one-line refusal when path lies inside the open bundle or inside any other bundle, else None."""
    if bundle_root is None or not inside_bundle(path, bundle_root):
        other = enclosing_bundle(path)
        if other is None:
            return None
        return (f"{what_zh}不得位于证据包内（{other} 含有 bundle.json，证据不得改动）：{path} / "
                f"the {what_en} must not be inside a bundle ({other} holds a bundle.json): {path}")
    return (f"{what_zh}不得位于打开的证据包内（证据不得改动）：{path} / "
            f"the {what_en} must not be inside the open bundle (evidence is never changed): {path}")


def special_problem(path, what_zh: str = "输出文件", what_en: str = "output") -> str | None:
    """The one-line refusal when path exists as something other than a regular file (a device, a FIFO, a
    folder): written through a temporary file and a rename, /dev/full itself would be replaced by a PDF."""
    import stat

    from models.bundle.safe_read import kind_text

    if os.path.islink(path):  # the rename would replace the link itself: /dev/stdout became a PDF in /dev
        return (f"{what_zh}路径是符号链接（指向 {os.readlink(path)}），不予替换：{path} / the {what_en} path is a "
                f"symbolic link, not replaced: {path}")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # not there yet (or unreachable: the write says why)
    if stat.S_ISREG(mode):
        return None
    zh, en = kind_text(mode)
    return f"{what_zh}路径已存在且不是普通文件（{zh}）：{path} / the {what_en} path exists and is {en}: {path}"


STORE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock", ".audit-head", ".drafts.json")
SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_sqlite(path) -> bool:
    """True when path is a regular file beginning as an SQLite database (read non-blocking, 16 bytes)."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
    finally:
        os.close(fd)


def store_file_problem(path, what_zh: str = "输出文件", what_en: str = "output") -> str | None:
    """The one-line refusal when path is a review store (any SQLite database) or one of its side files beside it:
    `memo --out STORE.sqlite` replaced the store by the PDF, and every decision in it was gone."""
    name = Path(path).name
    own = [Path(path)] + [Path(path).with_name(name[:-len(end)]) for end in STORE_SIDE_SUFFIXES if name.endswith(end)]
    if not any(_is_sqlite(candidate) for candidate in own):
        return None
    return (f"{what_zh}不得写在审查库的文件上（会毁掉其中的审查决定）：{path} / "
            f"the {what_en} must not be written over a review store's file (its decisions would be lost): {path}")


def replace_problem(path, what_zh: str = "输出文件", what_en: str = "output") -> str | None:
    """special_problem, then store_file_problem: what an output written by a rename must never replace."""
    return special_problem(path, what_zh, what_en) or store_file_problem(path, what_zh, what_en)


def refuse_special(path, what_zh: str = "输出文件", what_en: str = "output") -> Path:
    """Path itself, or UsageError when it is a special file or a store's file (replace_problem)."""
    problem = replace_problem(path, what_zh, what_en)
    if problem:
        raise UsageError(problem)
    return Path(path)


def review_file_problem(path, store_path=None, what_zh: str = "输出文件", what_en: str = "output") -> str | None:
    """The one-line refusal when path is a file that goes with the review store at store_path (its -wal, -shm,
    lock, audit anchor, copies set aside: not all databases) or lies in the per-user record of audit heads;
    any SQLite database is replace_problem's. Written through a rename, a memo there replaces the review."""
    from models.store.guards.audit_record import state_dir

    real = _real(path)
    if store_path is not None:
        folder, name = os.path.split(_real(store_path))
        if os.path.dirname(real) == folder and os.path.basename(real).startswith(name):
            return (f"{what_zh}不得写在审查库或其附属文件上（审查记录将丢失）：{path} / the {what_en} must not "
                    f"replace the review store or a file that goes with it: {path}")
    records = _real(state_dir())
    if real == records or real.startswith(records.rstrip(os.sep) + os.sep):
        return (f"{what_zh}不得覆盖数据库文件或审计记录（可能是审查库，审查记录将丢失）：{path} / the {what_en} "
                f"must not replace a database or an audit record (a review store?): {path}")
    return None


def side_folder_problem(bundle_root) -> str | None:
    """The refusal when a folder the program writes into on its own lies inside the open bundle or any bundle:
    the temporary folder (helpers' sockets, the memo's stamp font) and the per-user record of audit heads.
    The temporary folder is read from TMPDIR, TEMP, TMP as tempfile would: tempfile.gettempdir() itself
    writes a probe file into the first candidate."""
    from models.store.guards.audit_record import state_dir

    for name in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(name)
        if value and os.path.isdir(value):
            beside_image = bundle_root is not None and os.path.isfile(bundle_root) and _same_folder(
                value, os.path.dirname(_real(bundle_root)))  # an image opened alone: its folder is its media
            if beside_image or output_problem(os.path.join(value, "x"), bundle_root):  # "x": value may be a root
                return _side_folder_text(value, name, "临时文件夹", "temporary folder")
            break
    records = state_dir()
    if output_problem(records / "x", bundle_root):
        return _side_folder_text(records, "XDG_STATE_HOME", "审计记录文件夹", "audit record folder")
    return None


def _side_folder_text(folder, variable: str, what_zh: str, what_en: str) -> str:
    return (f"{what_zh}位于证据包内，程序会在其中写入文件（证据不得改动）：{folder}；请将 {variable} 设到证据包之外 / "
            f"the {what_en} lies inside a bundle, where the program would write: {folder}; set {variable} "
            f"elsewhere")


def refuse_inside(path, bundle_root, what_zh: str = "输出文件", what_en: str = "output") -> Path:
    """Path itself, or UsageError (exit 2 on the command line) when it lies inside the open bundle."""
    problem = output_problem(path, bundle_root, what_zh, what_en)
    if problem:
        raise UsageError(problem)
    return Path(path)


def store_folder(bundle, store_dir=None) -> Path:
    """The folder of the bundle's review store (store_dir, $EVIDENCEDESK_STORE or the user's data folder),
    refused when it lies inside the bundle: SQLite would write its files into the evidence."""
    from models.store.store import default_store_dir

    folder = Path(store_dir) if store_dir else default_store_dir()
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"审查库文件夹不是文件夹：{folder} / the review store folder is not a folder: {folder}")
    folder = refuse_inside(folder, bundle.root, "审查库文件夹", "review store folder")
    image = _real(bundle.root)
    if os.path.isfile(image) and _same_folder(_real(folder), os.path.dirname(image)):
        # nothing is written beside evidence: the image's folder is its media (its segments, its logs)
        raise UsageError(f"审查库文件夹不得是单独打开的磁盘镜像所在的文件夹（证据介质，不在证据旁写入文件）：{folder}"
                         f" / the review store folder must not be the folder of the disk image opened (nothing is "
                         f"written beside evidence): {folder}")
    try:  # made here, so a read-only or missing HOME is told as what it is, not as a file that cannot be read
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from models.common.os_errors import os_reason

        raise UsageError(f"无法建立审查库文件夹 {folder}：{os_reason(exc)}（可用 --store 指定另一处）/ cannot make the "
                         f"review store folder: {exc.strerror}; choose another with --store") from exc
    return folder


def _same_folder(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False  # not made yet: not the image's folder, which is
