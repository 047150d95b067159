"""The room's gate, in the Voila server (started through `journeykit.app.launch`, which takes
Voila's options): jupyter_server's identity provider and login form for the workshop code, and a
check in front of every handler. See journeykit.app.room for what a room is."""

from __future__ import annotations

import json
import os
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlencode

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.auth.login import LoginFormHandler
from tornado import web
from traitlets import Type

from journeykit import i18n
from journeykit.app.room import (
    EXPIRED,
    FACILITATOR_PAGES,
    NEED_KEY,
    NEED_NAME,
    PUBLIC,
    TOO_MANY,
    TRIES,
    TRY_WINDOW,
    WRONG_CODE,
    Room,
)
from journeykit.i18n import _
from journeykit.participants import (
    FACILITATOR,
    NAME_LIMIT,
    PARTICIPANT,
    PARTICIPANT_HEADER,
    clean_name,
)
from journeykit.settings import ROOM_ENV


class Attempts:
    """Wrong codes per address in the last TRY_WINDOW seconds."""

    def __init__(self) -> None:
        self.failed: dict[str, deque[float]] = defaultdict(deque)

    def wait(self, address: str, now: float | None = None) -> int:
        """Seconds this address must wait before another try (0: it may try now)."""
        now = time.monotonic() if now is None else now
        seen = self.failed[address]
        while seen and now - seen[0] > TRY_WINDOW:
            seen.popleft()
        return int(TRY_WINDOW - (now - seen[0])) + 1 if len(seen) >= TRIES else 0

    def failure(self, address: str, now: float | None = None) -> None:
        self.failed[address].append(time.monotonic() if now is None else now)


@dataclass
class RoomUser(User):
    """A jupyter_server user with the room's role kept in the signed cookie."""

    role: str = PARTICIPANT


def _language(handler: web.RequestHandler) -> str:
    """The join form's language: the link's (?lang=), else the workshop's."""
    from journeykit.store import Store

    asked = handler.get_argument("lang", "")
    try:
        with Store(None) as store:
            workshop = store.setting("language")
    except Exception:  # a broken store must not hide the join form
        workshop = ""
    return i18n.choose(asked, workshop)


class RoomLoginHandler(LoginFormHandler):
    """The join form: the workshop code (or the facilitator key) and a display name."""

    def _render(self, message: str | None = None, status: int = 200) -> None:
        from journeykit.templates import render

        self.set_status(status)
        with i18n.language(_language(self)):
            self.write(
                render(
                    "join.html.j2",
                    next=self.get_argument("next", "/"),
                    code=self.get_argument("code", ""),
                    name=self.get_argument("name", ""),
                    message=message or "",
                    xsrf=self.xsrf_form_html(),
                    base_url=self.base_url,
                )
            )

    @allow_unauthenticated
    def get(self) -> None:
        user = self.current_user
        target = self.get_argument("next", "/")
        with i18n.language(_language(self)):
            if user is not None and FACILITATOR_PAGES.match(target):
                if getattr(user, "role", "") != FACILITATOR:
                    self._render(_(NEED_KEY))
                    return
            if user is not None:
                self._redirect_safe(target)
                return
            expired = self.get_cookie(self.identity_provider.get_cookie_name(self)) is not None
            self._render(_(EXPIRED) if expired else None)

    @allow_unauthenticated
    def post(self) -> None:
        provider: RoomIdentityProvider = self.identity_provider  # type: ignore[assignment]
        address = self.request.remote_ip or "?"
        with i18n.language(_language(self)):
            wait = provider.attempts.wait(address)
            if wait:
                self._render(_(TOO_MANY).format(seconds=i18n.format_number(wait)), 429)
                return
            role = provider.room.role_of(self.get_argument("code", ""))
            if role is None:
                provider.attempts.failure(address)
                self._render(_(WRONG_CODE), 401)
                return
            name = clean_name(self.get_argument("name", ""))
            if not name and role == FACILITATOR:
                name = _("Facilitator")
            if not name:
                self._render(_(NEED_NAME).format(limit=i18n.format_number(NAME_LIMIT)), 400)
                return
            if FACILITATOR_PAGES.match(self.get_argument("next", "")) and role != FACILITATOR:
                self._render(_(NEED_KEY), 403)
                return
        user = RoomUser(secrets.token_hex(8), name, name, role=role)
        self.current_user = user
        provider.set_login_cookie(self, user)
        self._redirect_safe(self.get_argument("next", "/"))


class RoomIdentityProvider(IdentityProvider):
    """Who a request is: the user in the room's signed cookie, or nobody. Also tells the
    page's kernel who opened it (a header Voila passes on as an environment variable)."""

    login_handler_class = Type(default_value=RoomLoginHandler, klass=web.RequestHandler)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("login_handler_class", None)  # Voila's own form; the room has the join form
        super().__init__(**kwargs)
        self.room = Room.from_env(os.environ.get(ROOM_ENV) or _kept_room())
        self.attempts = Attempts()

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return True

    def user_to_cookie(self, user: User) -> str:
        return json.dumps({"id": user.username, "name": user.name, "role": user.role})  # type: ignore[attr-defined]

    def user_from_cookie(self, cookie_value: str) -> User | None:
        data = json.loads(cookie_value)
        return RoomUser(data["id"], data["name"], data["name"], role=data["role"])

    async def get_user(self, handler: web.RequestHandler) -> User | None:
        handler.request.headers.pop(PARTICIPANT_HEADER, None)  # never the browser's word
        user = self.get_user_cookie(handler)
        if hasattr(user, "__await__"):
            user = await user  # type: ignore[misc]
        if user is None:
            return None
        if (
            FACILITATOR_PAGES.match(handler.request.path)
            and getattr(user, "role", None) != FACILITATOR
        ):
            return None  # the join form asks for the key
        handler.request.headers[PARTICIPANT_HEADER] = json.dumps(
            {"id": user.username, "name": user.name, "role": getattr(user, "role", None)}
        )
        return user


_KEPT: dict[str, str] = {}


def _kept_room() -> str:
    return _KEPT["room"]


def keep_room_secret() -> None:
    """Take the room's secrets out of the environment before any kernel is started."""
    raw = os.environ.pop(ROOM_ENV, None)
    if raw:
        _KEPT["room"] = raw


class Gate:
    """Mixed in front of every handler Voila serves: the Host check, then the cookie, then
    the facilitator's pages; the join form and its fonts are public."""

    async def prepare(self) -> Any:
        request = self.request  # type: ignore[attr-defined]
        provider: RoomIdentityProvider = self.settings["identity_provider"]  # type: ignore[attr-defined]
        if not provider.room.host_allowed(request.host):
            raise web.HTTPError(403, "unknown host")
        if ".." in unquote(request.path).replace("\\", "/").split("/"):
            raise web.HTTPError(404)  # no way out of the served folders
        if not PUBLIC.match(request.path):
            user = provider.get_user_cookie(self)  # type: ignore[arg-type]
            if hasattr(user, "__await__"):
                user = await user  # type: ignore[misc]
            facilitator_only = FACILITATOR_PAGES.match(request.path)
            if user is None or (facilitator_only and getattr(user, "role", None) != FACILITATOR):
                if request.method in ("GET", "HEAD") and _is_page(request.path):
                    self.redirect(  # type: ignore[attr-defined]
                        "/login?" + urlencode({"next": request.uri})
                    )
                    raise web.Finish()
                raise web.HTTPError(403)
        found = super().prepare()  # type: ignore[misc]
        if hasattr(found, "__await__"):
            found = await found
        return found

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A refusal carries no page: the status and where to join, as plain text."""
        self.set_header("Content-Type", "text/plain; charset=utf-8")  # type: ignore[attr-defined]
        self.finish(f"{status_code}: open /login to join this workshop with its code\n")  # type: ignore[attr-defined]


def _is_page(path: str) -> bool:
    return path == "/" or path.startswith(("/voila/render/", "/voila/tree"))


def gated(handlers: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Voila's handlers with the gate in front, except the one its own kernels use to learn
    the request that took them (it answers only for a kernel's unguessable id)."""
    from voila.request_info_handler import RequestInfoSocketHandler

    wrapped = []
    for pattern, handler, *rest in handlers:
        if isinstance(handler, type) and not issubclass(handler, RequestInfoSocketHandler):
            handler = type(f"Gated{handler.__name__}", (Gate, handler), {})
        wrapped.append((pattern, handler, *rest))
    return wrapped


def room_app() -> Any:
    """Voila behind the room's gate: the identity provider above, the cookie secret kept with
    the room, every handler gated."""
    from voila.app import Voila

    keep_room_secret()

    class RoomVoila(Voila):
        def initialize(self, argv: Any = None) -> None:
            self.identity_provider_class = RoomIdentityProvider
            super().initialize(argv)
            self.cookie_secret = bytes.fromhex(Room.from_env(_kept_room()).secret)

        def init_handlers(self) -> list:
            return gated(super().init_handlers())

    return RoomVoila
