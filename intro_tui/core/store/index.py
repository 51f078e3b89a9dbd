"""The list index: ``<data>/.index.json``, a cache of what a listing shows per workshop file.

``intro-tui list`` and the home screen print one line per workshop: its
metadata and how much of it is filled in.  Reading every file in full for that
(100 workshops = 7.5 MB of JSON, then every cell for the fill count) made
``list`` cost ~3x a bare start.  The index keeps, per file name::

    {"mtime_ns": …, "size": …, "summary": {id, title, template, kommune, year, units,
                                           created, updated, filled, total}}
    {"mtime_ns": …, "size": …, "error": "<reason the file cannot be read>"}

:func:`summaries` stats every ``*.json`` in the data folder (100 stats take
well under 1 ms), serves the entries whose ``(mtime_ns, size)`` still match,
re-reads only the files that changed or are new, drops the entries of files
that are gone, and writes the index back only when something changed.

It is a cache, never a source of truth:

* **Best effort.**  It is written atomically (temp file + ``os.replace``, no
  fsync: losing it costs one slow listing), and a failed write is ignored, so
  a read-only data folder still lists.  An index that is missing, corrupt,
  foreign or of another version is ignored and rebuilt; an entry of the wrong
  shape is dropped and its file re-read.
* **Workshop files are only read.**  An unreadable file is reported on every
  listing, with its reason; the reason is cached under the file's
  ``(mtime_ns, size)`` like a summary.  A file that cannot even be opened
  (permissions) is not cached: ``chmod`` does not change the mtime.
* **The fill count depends on the templates and on this code**, so the index
  carries a ``basis``: the stat of every template file (built-in and the data
  folder's own) and of the modules that decode workshops and count filled
  cells.  When the basis differs, every entry is recomputed.  The catalogue's
  own errors (templates skipped) are cached with it, so a listing that needs
  no re-read never loads the catalogue at all.

The trade-off (documented, tested): a file whose content changes while its
size and mtime stay the same - someone restoring the mtime with ``touch -d`` or
``os.utime`` - keeps its old summary until it changes again.  Every save
through :class:`~intro_tui.core.store.workshops.WorkshopStore` replaces the file and
so gives it a new mtime.  Two saves within one tick of the file-system clock
are the other way to get the same mtime and size; see :data:`RACY_NS`.

This module imports nothing heavy: the workshop decoder, the template
catalogue and the fill count are imported only when a file must be re-read.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..safe_fs import CANNOT_READ, sweep_temps
from ..shorten import visible
from .errors import UnreadableWorkshop

if TYPE_CHECKING:
    from ..model.catalog import Catalog
    from ..model.workshop import Workshop

INDEX_NAME = ".index.json"
INDEX_FORMAT = "intro-tui-list-index"
#: Bump when the shape of an entry or what a summary means changes.
INDEX_VERSION = 1

#: A file modified less than this long ago is summarized but not cached.  File
#: systems stamp mtimes with a coarse clock (a kernel tick on Linux; 1-2 s on
#: some network and FAT file systems), so two saves in the same tick that leave
#: the same size would look unchanged.  Waiting until the mtime is safely in the
#: past before trusting it (git's "racy clean" rule) closes that gap; it costs one
#: re-read per listing of a workshop being edited right now.
RACY_NS = 2_000_000_000

_PACKAGE = Path(__file__).resolve().parent.parent  # intro_tui/core
#: The same folder as :data:`intro_tui.core.model.catalog.BUILTIN_DIR` (a test checks it).
BUILTIN_TEMPLATES = _PACKAGE.parent / "templates"
#: Modules whose code decides what a summary holds (decoding, template loading, fill count).
_CODE = ("store/index.py", "store/codec.py", "store/workshops.py", "model/catalog.py", "model/layout.py",
         "model/kinds.py", "model/column_types.py", "model/values.py", "model/template.py", "model/template_loader.py",
         "model/workshop.py")

_SUMMARY_TEXT = ("id", "title", "template", "kommune", "created", "updated")


class WorkshopSummary:
    """One workshop as a listing shows it: the metadata of a Workshop, no cells.

    ``filled``/``total`` are the answerable cells filled in and in all
    (:func:`intro_tui.core.model.layout.fill_count`); both None when the workshop's
    template is not in the catalogue.  A plain class, not a dataclass: building
    a dataclass costs about a millisecond at import, a tenth of what ``list``
    may spend above the floor.
    """

    __slots__ = _FIELDS = ("id", "title", "template", "kommune", "year", "units", "created", "updated", "filled",
                           "total")

    def __init__(self, id: str, title: str, template: str, kommune: str = "", year=None, units: tuple[str, ...] = (),
                 created: str = "", updated: str = "", filled: int | None = None, total: int | None = None):
        self.id, self.title, self.template, self.kommune, self.year = id, title, template, kommune, year
        self.units, self.created, self.updated, self.filled, self.total = tuple(units), created, updated, filled, total

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other) -> bool:
        return self._values() == other._values() if isinstance(other, WorkshopSummary) else NotImplemented

    __hash__ = None  # mutable in principle, like Workshop  # pyright: ignore[reportAssignmentType]

    def __repr__(self) -> str:
        return f"WorkshopSummary({', '.join(f'{n}={v!r}' for n, v in zip(self._FIELDS, self._values()))})"

    @property
    def filled_text(self) -> str:
        """"65 %" as the Utfylt column shows it; "?" when the template is unknown."""
        if self.filled is None or self.total is None:
            return "?"
        return f"{round(100 * self.filled / self.total) if self.total else 0} %"

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "template": self.template, "kommune": self.kommune,
                "year": self.year, "units": list(self.units), "created": self.created, "updated": self.updated,
                "filled": self.filled, "total": self.total}

    @classmethod
    def from_json(cls, data) -> "WorkshopSummary | None":
        """The summary an index entry holds, or None if the entry is not one we wrote."""
        if not isinstance(data, dict) or any(not isinstance(data.get(k), str) for k in _SUMMARY_TEXT):
            return None
        units = data.get("units")
        if not isinstance(units, list) or any(not isinstance(u, str) for u in units):
            return None
        year = data.get("year")
        if year is not None and not (_is_int(year) and 0 < year < 10_000):
            return None
        filled, total = data.get("filled"), data.get("total")
        if (filled is None) != (total is None):
            return None
        if filled is not None and not (_is_int(filled) and _is_int(total)):
            return None
        # the index is a file any group member can write: its text is cleaned like a workshop file's
        return cls(*(visible(data[k]) for k in ("id", "title", "template", "kommune")), year,  # pyright: ignore[reportCallIssue]
                   tuple(visible(u) for u in units), visible(data["created"]), visible(data["updated"]), filled, total)  # pyright: ignore[reportCallIssue]

    @classmethod
    def of(cls, workshop: "Workshop", counts: tuple[int, int] | None) -> "WorkshopSummary":
        filled, total = counts if counts is not None else (None, None)
        return cls(workshop.id, workshop.title, workshop.template, workshop.kommune, workshop.year,
                   tuple(workshop.units), workshop.created, workshop.updated, filled, total)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Listing:
    """What :func:`summaries` found: newest first, the unreadable files by name, the skipped templates."""

    def __init__(self):
        self.workshops: list[WorkshopSummary] = []
        self.errors: list[UnreadableWorkshop] = []
        self.template_errors: list[str] = []


def summaries(data_dir: Path, catalog: Callable[[], "Catalog"]) -> Listing:
    """Every workshop file's summary, or its error, re-reading only what changed since the last listing.

    ``catalog`` is called (once) only if a file must be re-read or the
    templates changed; the CLI passes a loader, the app its loaded catalogue.

    Why an entry can never be stale: a file's stat is taken *before* the file is
    read, and the entry is stored under that stat.  If another process replaces
    the file between the stat and the read, the summary holds the newer content
    under the older stat; the next listing sees a different stat and reads the
    file again - one extra read, never a wrong line.  Taking the stat *after*
    the read would be wrong: content read before a save, filed under the stat
    of the saved file, would be served until the file changed again.  The same
    holds for errors.  Two changes within one clock tick with the same size are
    covered by :data:`RACY_NS`.
    """
    data_dir = Path(data_dir)
    listing = Listing()
    names = _workshop_files(data_dir)
    if names is None:  # no data folder yet: nothing to list, nothing to write
        return listing
    index_path = data_dir / INDEX_NAME
    basis = _basis(data_dir)
    old = _read_index(index_path)
    if old is not None and old.get("basis") == basis:
        entries = old["files"]
        template_errors = old["template_errors"]
        loaded = None
    else:  # first listing, a foreign or corrupt index, or templates or code changed: recompute all
        entries = {}
        loaded = catalog()
        template_errors = list(loaded.errors)
    changed = old is None or entries is not old["files"]

    fresh: dict[str, dict] = {}
    now = time.time_ns()
    for name in names:
        path = data_dir / name
        try:
            st = os.lstat(path)  # a symlink is judged (and refused) as itself, never by its target
        except FileNotFoundError:
            continue  # deleted while we listed
        except OSError as exc:
            listing.errors.append(UnreadableWorkshop(path, _os_reason(exc)))
            continue
        key = (st.st_mtime_ns, st.st_size)
        entry = entries.get(name)
        item = _from_entry(entry, key, name)
        if item is None:  # new, changed, or an entry we cannot use: read the file
            if loaded is None:
                loaded = catalog()
                if template_errors != list(loaded.errors):
                    template_errors, changed = list(loaded.errors), True
            try:
                item, entry = _summarize(path, loaded, key)
            except FileNotFoundError:
                continue
            if entry is None or st.st_mtime_ns > now - RACY_NS:  # not cacheable (yet): see RACY_NS
                changed = changed or name in entries
                entry = None
            else:
                changed = True
        if entry is not None:
            fresh[name] = entry
        if isinstance(item, WorkshopSummary):
            listing.workshops.append(item)
        else:
            listing.errors.append(UnreadableWorkshop(path, item))
    if set(entries) - set(fresh):  # files deleted since the last listing
        changed = True
    if changed and not _racy(basis, now):
        _write_index(index_path, {"format": INDEX_FORMAT, "version": INDEX_VERSION, "basis": basis,
                                  "template_errors": template_errors, "files": fresh})
    listing.workshops.sort(key=lambda w: w.updated, reverse=True)  # stable: equal times stay in name order
    listing.template_errors = template_errors
    return listing


def _workshop_files(data_dir: Path) -> list[str] | None:
    """The names ``WorkshopStore.list`` reads (``*.json``, no dot files), sorted; None without a folder."""
    try:
        names = os.listdir(data_dir)
    except (FileNotFoundError, NotADirectoryError):
        return None
    sweep_temps(data_dir, names)  # temp files of killed writers (exports, index writes, saves), after an hour
    if any(n.endswith(".changes.jsonl") and n[: -len(".changes.jsonl")] + ".json" not in names for n in names):
        from .trash import sweep_orphan_logs

        sweep_orphan_logs(data_dir, names)
    return sorted(name for name in names if name.endswith(".json") and not name.startswith("."))


def _from_entry(entry, key: tuple[int, int], name: str) -> WorkshopSummary | str | None:
    """The cached summary (or error reason) if ``entry`` is valid for the file ``name`` with stat ``key``.

    The index is a file any group member can write: a summary must at least
    be of the file it is filed under (a forged id would make Delete act on
    another workshop); what acts on a workshop reads the file itself
    (:meth:`.workshops.WorkshopStore.current_title`).
    """
    if not isinstance(entry, dict) or (entry.get("mtime_ns"), entry.get("size")) != key:
        return None
    if "summary" in entry:
        summary = WorkshopSummary.from_json(entry["summary"])
        return summary if summary is not None and f"{summary.id}.json" == name else None
    error = entry.get("error")
    return error if isinstance(error, str) and error else None


def _summarize(path: Path, catalog: "Catalog", key: tuple[int, int]) -> tuple[WorkshopSummary | str, dict | None]:
    """Read one file: its summary or error reason, and the index entry to keep (None: do not cache)."""
    from .codec import read_workshop  # imported only when a file must be read

    mtime_ns, size = key
    try:
        workshop = read_workshop(path)
    except UnreadableWorkshop as exc:
        if exc.reason.startswith(_OS_REASON):  # cannot be opened: chmod leaves the mtime alone, so never cache
            return exc.reason, None
        return exc.reason, {"mtime_ns": mtime_ns, "size": size, "error": exc.reason}
    template = catalog.templates.get(workshop.template)
    if template is None:
        counts = None
    else:
        from ..model.layout import fill_count
        from .value_check import check_values

        counts = fill_count(template, check_values(template, workshop))
    summary = WorkshopSummary.of(workshop, counts)
    return summary, {"mtime_ns": mtime_ns, "size": size, "summary": summary.to_json()}


#: How :func:`intro_tui.core.safe_fs.read_json` words a file that cannot be opened (a test pins it).
_OS_REASON = CANNOT_READ


def _os_reason(exc: OSError) -> str:
    from ..os_errors import os_reason

    return f"{_OS_REASON}{os_reason(exc)})"


def _basis(data_dir: Path) -> list:
    """What every summary also depends on: the template files and this code, as [name, mtime_ns, size]."""
    basis: list = []
    for label, folder in (("builtin", BUILTIN_TEMPLATES), ("data", data_dir / "templates")):
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".json"))
        except OSError:
            continue
        for name in names:
            basis.append([f"{label}/{name}", *_stat(folder / name)])
    for name in _CODE:
        basis.append([f"code/{name}", *_stat(_PACKAGE / name)])
    return basis


def _stat(path: Path) -> tuple[int | None, int | None]:
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    return st.st_mtime_ns, st.st_size


def _racy(basis: list, now: int) -> bool:
    """A template file changed within RACY_NS: do not vouch for the basis yet (code files are not edited twice a tick)."""
    return any(mtime is not None and mtime > now - RACY_NS for name, mtime, _ in basis if not name.startswith("code/"))


def _read_index(path: Path) -> dict | None:
    """The stored index, or None if there is none we can use (missing, corrupt, foreign, other version)."""
    from ..safe_fs import read_json

    try:
        data = read_json(path)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT or data.get("version") != INDEX_VERSION:
        return None
    template_errors = data.get("template_errors")
    if (not isinstance(data.get("files"), dict) or not isinstance(data.get("basis"), list)
            or not isinstance(template_errors, list) or any(not isinstance(e, str) for e in template_errors)):
        return None
    return data


def _write_index(path: Path, data: dict) -> None:
    """Replace the index whole, best effort: a read-only folder or a full disk only costs speed."""
    from ..safe_fs import replace as replace_file

    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        replace_file(path, payload, durable=False)  # a cache: no fsync
    except OSError:
        pass