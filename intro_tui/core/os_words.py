"""What an operating-system error means, in bokmål.

Python's ``OSError.strerror`` is the C library's English ("File exists", "No
such file or directory"), and a user meets it inside our Norwegian messages.
Every place that tells a user why a file could not be read or written words
the reason through :func:`os_error_words`, so one errno reads the same
everywhere (store, exports, change log, the app).  Import-free apart from
``errno``: ``intro-tui list`` may need it.
"""

from __future__ import annotations

import errno

_WORDS: dict[int, str] = {
    errno.ENOENT: "finnes ikke",
    errno.EEXIST: "finnes allerede",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
    errno.EISDIR: "er en mappe",
    errno.EACCES: "ingen tilgang",
    errno.EPERM: "ikke tillatt",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EFBIG: "filen er for stor",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.ELOOP: "er en symbolsk lenke (følges ikke)",
    errno.ENOTEMPTY: "mappen er ikke tom",
    errno.EBUSY: "er i bruk",
    errno.ETXTBSY: "er i bruk",
    errno.EMFILE: "for mange åpne filer",
    errno.ENFILE: "for mange åpne filer",
    errno.EIO: "lese- eller skrivefeil på disken",
    errno.EXDEV: "kan ikke flyttes mellom to filsystemer",
    errno.ENXIO: "er ikke en vanlig fil",
    errno.EINVAL: "ugyldig navn eller verdi",
    errno.EAGAIN: "midlertidig utilgjengelig; prøv igjen",
    errno.EINTR: "ble avbrutt; prøv igjen",
    errno.ETIMEDOUT: "tidsavbrudd",
    errno.ESTALE: "filen er ikke lenger tilgjengelig (nettverksdisk)",
    errno.ENOMEM: "for lite minne",
}


def os_error_words(exc: OSError) -> str:
    """The reason, lower case and without the path: "finnes allerede", "disken er full".

    An errno without a Norwegian phrase is named by its symbol ("systemfeil
    ECONNRESET") rather than by the C library's English sentence.
    """
    number = getattr(exc, "errno", None)
    if isinstance(number, int):
        if number in _WORDS:
            return _WORDS[number]
        return f"systemfeil {errno.errorcode.get(number, number)}"
    return "systemfeil"
