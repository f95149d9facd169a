"""Translation hook usable from pure-Python code.

Source strings are French. Inside QGIS, :func:`tr` goes through Qt's translator (context
``mednum``, files in ``i18n/``); without Qt it returns the French text. Never format
inside ``tr()``: ``tr("… {x}").format(x=…)``.
"""

from __future__ import annotations

CONTEXT = "mednum"

try:  # pragma: no cover - depends on the environment
    from qgis.PyQt.QtCore import QCoreApplication
except ImportError:  # pure-Python use (scripts, unit tests without QGIS)
    QCoreApplication = None


def tr(text: str) -> str:
    """The translation of a French source string in the user's language."""
    if QCoreApplication is None:
        return text
    return QCoreApplication.translate(CONTEXT, text)
