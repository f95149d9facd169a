"""The plugin's one network façade, on QGIS's network stack.

Every HTTP request of the plugin goes through :func:`http_request`, built on
``QgsBlockingNetworkRequest``: the user's proxy, SSL exceptions and timeout settings apply,
and credentials come only from a QGIS authentication configuration (``authcfg``), added to
the request by QGIS's auth manager — never placed in a URL, a setting or a log.

Reads always bypass Qt's network disk cache (``AlwaysNetwork``, not saved): a cached
GetFeature would otherwise show features as they were before a commit.
Works from the main thread and from a ``QgsTask`` (the request runs its own event loop).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Mapping, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from .i18n import tr

USER_AGENT = b"QGIS-mednum"
SECRET_PARAMETERS = {"password", "passwd", "pwd", "apikey", "api_key", "key", "token", "access_token", "authkey"}

#: kinds of :class:`NetworkError`
TIMEOUT = "timeout"
CONNECTION = "connexion"
SSL = "ssl"
CANCELLED = "annule"
OTHER = "autre"


def safe_url(url: str) -> str:
    """The URL as it may appear in a message or a log: no user info, secret parameters masked."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    query = urlencode([(k, "***" if k.lower() in SECRET_PARAMETERS else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)])
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def has_credentials(url: str) -> bool:
    """True when a URL carries a user name, a password or a secret parameter."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        return True
    return any(k.lower() in SECRET_PARAMETERS for k, _ in parse_qsl(parts.query, keep_blank_values=True))


def with_params(url: str, params: Optional[Mapping[str, object]]) -> str:
    """``url`` with ``params`` added to its query string (existing keys replaced, case-insensitively)."""
    if not params:
        return url
    parts = urlsplit(url)
    keys = {k.lower() for k in params}
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in keys]
    query += [(k, str(v)) for k, v in params.items() if v is not None]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def timeout_seconds() -> float:
    """The network timeout of the QGIS settings (Options > Réseau), in seconds."""
    return QgsNetworkAccessManager.timeout() / 1000.0


@dataclass
class HttpResponse:
    """A reply that reached us (any HTTP status)."""

    status: int
    content: bytes
    url: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class NetworkError(Exception):
    """No HTTP reply: timeout, refused or dropped connection, SSL, cancellation."""

    def __init__(self, kind: str, url: str, detail: str = ""):
        self.kind, self.url, self.detail = kind, safe_url(url), detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        host = urlsplit(self.url).netloc
        if self.kind == TIMEOUT:
            return tr("Le serveur {hote} n'a pas répondu dans le délai ({secondes} s).").format(
                hote=host, secondes=f"{timeout_seconds():g}")
        if self.kind == CANCELLED:
            return tr("Requête vers {hote} annulée.").format(hote=host)
        if self.kind == SSL:
            return tr("Connexion sécurisée impossible avec {hote} : {detail}").format(hote=host, detail=self.detail)
        return tr("Connexion impossible avec {hote} : {detail}").format(hote=host, detail=self.detail)


def _error_kind(code: int, reply_error) -> str:
    if code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError:
        return TIMEOUT
    if reply_error == QNetworkReply.NetworkError.OperationCanceledError:
        # QGIS aborts a request that exceeds the network timeout; a user cancel is caught before
        return TIMEOUT
    if reply_error == QNetworkReply.NetworkError.SslHandshakeFailedError:
        return SSL
    return CONNECTION


def http_request(method: str, url: str, *, params: Optional[Mapping[str, object]] = None, data: Optional[bytes] = None,
                 content_type: str = "text/xml; charset=utf-8", authcfg: str = "",
                 feedback: Optional[QgsFeedback] = None, headers: Optional[Mapping[str, str]] = None) -> HttpResponse:
    """Send one request through QGIS's network stack; return any HTTP reply, raise :class:`NetworkError` otherwise.

    ``headers``: extra headers of this request only (e.g. an API key read from the auth database).
    """
    full_url = with_params(url, params)
    request = QNetworkRequest(QUrl(full_url))
    request.setRawHeader(b"User-Agent", USER_AGENT)
    for name, value in (headers or {}).items():
        request.setRawHeader(name.encode("latin-1"), value.encode("utf-8"))
    request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute, QNetworkRequest.CacheLoadControl.AlwaysNetwork)
    request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
    blocking = QgsBlockingNetworkRequest()
    if authcfg:
        blocking.setAuthCfg(authcfg)
    if method == "GET":
        code = blocking.get(request, True, feedback)
    elif method == "POST":
        request.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, content_type)
        code = blocking.post(request, QByteArray(data or b""), True, feedback)
    else:
        raise ValueError(method)
    reply = blocking.reply()
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
    if feedback is not None and feedback.isCanceled():
        raise NetworkError(CANCELLED, full_url)
    complete = reply.error() == QNetworkReply.NetworkError.NoError or (isinstance(status, int) and status >= 400)
    if isinstance(status, int) and status > 0 and complete and code != QgsBlockingNetworkRequest.ErrorCode.TimeoutError:
        headers = {bytes(name).decode("latin-1").lower(): bytes(reply.rawHeader(name)).decode("latin-1")
                   for name in reply.rawHeaderList()}
        return HttpResponse(status, bytes(reply.content()), full_url, headers)
    if isinstance(status, int) and status > 0 and code != QgsBlockingNetworkRequest.ErrorCode.TimeoutError:
        raise NetworkError(CONNECTION, full_url, tr("réponse interrompue ({erreur})").format(erreur=reply.errorString()))
    raise NetworkError(_error_kind(code, reply.error()), full_url, blocking.errorMessage() or reply.errorString())


def http_get(url: str, params: Optional[Mapping[str, object]] = None, **kwargs) -> HttpResponse:
    """GET (cache bypassed)."""
    return http_request("GET", url, params=params, **kwargs)


def http_post(url: str, data: bytes, **kwargs) -> HttpResponse:
    """POST (cache bypassed)."""
    return http_request("POST", url, data=data, **kwargs)


class HostThrottle:
    """Spaces the requests to one host (per bucket) and remembers the hosts that answered 429 (thread-safe)."""

    def __init__(self, interval: float = 0.0):
        self.interval = interval
        self._lock = threading.Lock()
        self._next: dict[tuple[str, str], float] = {}
        self._blocked_until: dict[str, float] = {}

    def blocked_for(self, host: str) -> float:
        """Seconds before ``host`` may be asked again after a 429 (0: now)."""
        with self._lock:
            return max(0.0, self._blocked_until.get(host, 0.0) - time.monotonic())

    def block(self, host: str, seconds: float) -> None:
        with self._lock:
            self._blocked_until[host] = time.monotonic() + seconds

    def acquire(self, host: str, bucket: str = "", interval: Optional[float] = None) -> None:
        """Wait for the next slot of (host, bucket): ``interval`` seconds (default: the throttle's) between two slots."""
        interval = self.interval if interval is None else interval
        if interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get((host, bucket), 0.0))
            self._next[(host, bucket)] = slot + interval
        if slot > now:
            time.sleep(slot - now)

    def reset(self) -> None:
        with self._lock:
            self._next.clear()
            self._blocked_until.clear()
