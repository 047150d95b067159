"""A workshop room: one facilitator's laptop serves every participant's browser on the network.
This module holds the room's facts (codes, addresses, who a page's participant is) for the
command line and the pages; `room_gate` is the part that runs in the Voila server.

Admission uses what the Jupyter server already has: an `IdentityProvider` (jupyter_server's
hook for "who is this request") with its signed login cookie, its login-form handler and its
XSRF check. The room adds what a training room needs on top of it:
- a short workshop code for participants and a separate facilitator key, typed once in a join
  form (with a display name) and remembered by the browser's signed cookie;
- a gate in front of every handler Voila serves (pages, APIs, websockets, files, static
  paths): a request whose Host is not one of the room's addresses is refused (DNS
  rebinding), one without the cookie gets the join form or a bare 403, and the facilitator's
  pages need the key; only the join form's fonts and stylesheet are public;
- failed joins rate-limited per address;
- the participant's id, name and role handed to the page's kernel (Voila's
  `http_header_envs`), so the pages know who is working.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from journeykit import i18n
from journeykit.i18n import N_
from journeykit.participants import FACILITATOR, PARTICIPANT
from journeykit.settings import JOIN_ENV

FACILITATOR_PAGES = re.compile(r"^/voila/render/facilitator\.ipynb$")
PUBLIC = re.compile(
    r"^/(login|logout)$|^/voila/templates/journeykit/static/(fonts/[\w.-]+|journeykit\.css)$"
)
"""What answers without the code: the join form and what it draws with (fonts, stylesheet)."""
CODE_LETTERS = "ACDEFGHJKLMNPQRTUVWXY34679"
"""No 0/O, 1/I, 2/Z, 5/S, 8/B: a code read off a projector is typed right the first time."""
TRIES = 5
TRY_WINDOW = 60.0
"""At most TRIES wrong codes from one address per TRY_WINDOW seconds."""

WRONG_CODE = N_(
    "That is not this workshop's code. Check it on the projector or ask the facilitator "
    "(letters and digits; dashes and spaces do not matter)."
)
NEED_KEY = N_(
    "This page is for the facilitator: enter the facilitator key in the code field "
    "(journeykit serve printed it when the room opened)."
)
NEED_NAME = N_("Write the name your teammates know you by (up to {limit} characters).")
TOO_MANY = N_("Too many wrong codes from this computer: wait {seconds} seconds, then try again.")
EXPIRED = N_("Your place in the room has expired or the room was reopened: enter the code again.")


def normal_code(text: str) -> str:
    """A code as typed, compared without case, spaces or dashes, with any digits."""
    return re.sub(r"[\s\-_.]", "", i18n.latin_digits(text or "")).upper()


def make_code(length: int = 6) -> str:
    """A short workshop code for a projector (`K7M-4QX`); longer ones for the facilitator's
    key, in groups of four (`K7MA-4QXC-HT9P`)."""
    letters = "".join(secrets.choice(CODE_LETTERS) for _ in range(length))
    size = length // 2 if length <= 6 else 4
    return "-".join(letters[i : i + size] for i in range(0, length, size))


@dataclass(frozen=True)
class Room:
    """A room's admission: the participants' code, the facilitator's key, the cookie secret
    (kept so a browser stays admitted when the server restarts), and the addresses it is
    reached at."""

    code: str
    key: str
    secret: str
    hosts: tuple[str, ...] = ()
    port: int = 8866

    @classmethod
    def new(cls) -> Room:
        return cls(make_code(), make_code(12), secrets.token_hex(32))

    def role_of(self, typed: str) -> str | None:
        """Who a typed code admits: the facilitator, a participant, or nobody."""
        given = normal_code(typed).encode()
        if given and hmac.compare_digest(given, normal_code(self.key).encode()):
            return FACILITATOR
        if given and hmac.compare_digest(given, normal_code(self.code).encode()):
            return PARTICIPANT
        return None

    def host_allowed(self, host_header: str) -> bool:
        """Whether a request's Host names one of the room's addresses (DNS rebinding)."""
        host = re.sub(r":\d+$", "", host_header or "").strip("[]").lower()
        return host in self.hosts

    def join_urls(self) -> list[str]:
        """The addresses participants type: the machine's network addresses; when it has
        none (or the room was opened on one address), the addresses it listens on."""

        def loopback(host: str) -> bool:
            return host == "localhost" or ipaddress.ip_address(host).is_loopback

        shown = [h for h in self.hosts if not loopback(h)]
        shown = shown or [h for h in self.hosts if h != "localhost"][:1] or list(self.hosts[:1])
        return [f"http://{h}:{self.port}/" for h in shown]

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, text: str) -> Room:
        data = json.loads(text)
        data["hosts"] = tuple(data.get("hosts", ()))
        return cls(**data)


def room_file(store_url: str) -> Path:
    """Where a room's code and key are kept between restarts of the same workshop: beside a
    SQLite store, else in Jupyter's runtime folder."""
    from journeykit.store import sqlite_path

    found = sqlite_path(store_url)
    if found is not None:
        return found.with_name(found.name + ".room.json")
    from jupyter_core.paths import jupyter_runtime_dir

    tag = hmac.new(b"journeykit", store_url.encode(), "sha256").hexdigest()[:12]
    return Path(jupyter_runtime_dir()) / f"journeykit-room-{tag}.json"


def open_room(store_url: str, hosts: Iterable[str], port: int, fresh: bool = False) -> Room:
    """The room of this store: the same code and key as last time unless `fresh`, written
    readable by this user only."""
    path = room_file(store_url)
    kept = None
    if not fresh and path.is_file():
        try:
            kept = Room.from_env(path.read_text(encoding="utf-8"))
        except (ValueError, TypeError, KeyError):
            kept = None
    base = kept or Room.new()
    room = Room(base.code, base.key, base.secret, tuple(dict.fromkeys(hosts)), port)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(room.to_env())
    return room


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (read from the interfaces, no traffic
    sent): the addresses participants' laptops can reach."""
    import psutil

    found = []
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family.name != "AF_INET":
                continue
            ip = ipaddress.ip_address(address.address)
            if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified):
                found.append(str(ip))
    return found


def room_hosts(ip: str | None) -> tuple[str, list[str]]:
    """Where to listen and which Host names to accept: one address when given (`--ip`),
    else every address of the machine (and its own name for the facilitator's browser)."""
    if ip:
        return ip, [ip]
    return "0.0.0.0", [*network_addresses(), "127.0.0.1", "localhost"]


@dataclass(frozen=True)
class Join:
    """What the join panel shows: the addresses and the workshop code."""

    code: str
    urls: list[str] = field(default_factory=list)


def join_info() -> Join | None:
    """The room's join panel for the pages, or None when the workshop is not a room."""
    raw = os.environ.get(JOIN_ENV, "")
    if not raw:
        return None
    data = json.loads(raw)
    return Join(data["code"], list(data["urls"]))


def join_panel(join: Join | None = None, compact: bool = False) -> str:
    """The join panel for a projector: the addresses in large type, the code, and a QR code
    (drawn offline with segno, as inline SVG) that opens the join form with the code filled
    in; `compact`, one line for a participant's own screen. Empty outside a room."""
    join = join or join_info()
    if join is None:
        return ""
    if compact:
        from journeykit.templates import render

        return render("join_line.html.j2", urls=join.urls, code=join.code)
    import segno

    from journeykit.templates import render

    target = f"{join.urls[0]}login?{urlencode({'code': join.code})}" if join.urls else ""
    qr = segno.make(target, error="m").svg_inline(scale=7, border=2) if target else ""
    return render("join_panel.html.j2", urls=join.urls, code=join.code, qr=qr)
