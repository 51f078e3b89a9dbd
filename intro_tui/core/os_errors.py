"""Operating-system errors in bokmål: one helper for the store, the exports, the CLI and the app.

``OSError.strerror`` is English ("No such file or directory") and users meet
it in one-line messages; this turns the errno into Norwegian words.  Import-free
apart from ``errno``, so the CLI's last-resort handler can use it cheaply.
"""

from __future__ import annotations

import errno

_WORDS = {
    errno.ENOENT: "finnes ikke",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
    errno.EISDIR: "er en mappe",
    errno.EACCES: "ingen tilgang",
    errno.EPERM: "ikke tillatt",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.ELOOP: "for mange symbolske lenker (en lenke som peker på seg selv?)",
    errno.ENAMETOOLONG: "stien er for lang",
    errno.EEXIST: "finnes fra før",
    errno.EXDEV: "ligger på et annet filsystem",
    errno.EBUSY: "er i bruk",
    errno.ETXTBSY: "er i bruk",
    errno.EMFILE: "for mange åpne filer",
    errno.ENFILE: "for mange åpne filer",
    errno.EIO: "lese- eller skrivefeil på disken",
    errno.EINVAL: "ugyldig sti eller navn",
    errno.ENXIO: "ingen enhet bak filen",
    errno.ENODEV: "ingen enhet bak filen",
    errno.EFBIG: "filen er for stor",
    errno.ENOTEMPTY: "mappen er ikke tom",
    errno.EAGAIN: "midlertidig utilgjengelig; prøv igjen",
    errno.EINTR: "ble avbrutt; prøv igjen",
    errno.ETIMEDOUT: "tidsavbrudd",
    errno.ESTALE: "filen er ikke lenger tilgjengelig (nettverksdisk)",
    errno.ENOMEM: "for lite minne",
}


def os_reason(exc: OSError, *, writing: bool = False) -> str:
    """Why ``exc`` happened, in bokmål; for a write, a missing path reads "mappen finnes ikke"."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str):  # UnsafeFile and friends carry their own words
        return reason
    number = getattr(exc, "errno", None)
    if not isinstance(number, int):
        return "systemfeil"
    if writing and number == errno.ENOENT:
        return "mappen finnes ikke"
    words = _WORDS.get(number)
    if words is None:  # named by its symbol, never by the C library's English sentence
        words = f"systemfeil {errno.errorcode.get(number, number)}"
    return words


def os_message(exc: OSError, *, writing: bool = False) -> str:
    """"kunne ikke skrive /x: mappen finnes ikke" style: the file the OS named, and why."""
    from .shorten import one_line

    verb = "kunne ikke skrive" if writing else "kunne ikke lese"
    where = exc.filename if exc.filename is not None else ""
    where = one_line(str(where), 200)
    return f"{verb} {where}: {os_reason(exc, writing=writing)}" if where else f"{verb}: {os_reason(exc, writing=writing)}"
