"""A client of served workshop pages that talks to the server as Voila's front end does: it
joins a room with the code, GETs a page (the server runs the notebook while it streams), opens
the page kernel's websocket, asks ipywidgets for every widget's state, sets values and clicks
buttons through the same messages, and shuts the kernel down as a closing tab's beacon does.
For the room benchmark and the tests that open many pages at once without a browser each."""

from __future__ import annotations

import http.client
import json
import re
import time
import uuid
from urllib.parse import urlencode, urlsplit

PAGE_SECONDS = 180.0
CONTROL_VERSION = "1.0.0"
READY_MARKS = ("jk-nav", "jk-start", "jk-dashboard")
"""ipywidgets' control protocol, which hands over every widget's state in one message."""
STATE_SECONDS = 60.0


class Session:
    """A browser's cookies and requests against the room."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.base = parts.path.rstrip("/")
        """Where the pages are served under (a hub user's server: /user/NAME)."""
        self.cookies: dict[str, str] = {}
        self.location = ""
        """Where the last answer redirected to."""

    def request(
        self, method: str, path: str, body: str | None = None, absolute: bool = False
    ) -> tuple[int, str]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=PAGE_SECONDS)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path if absolute else self.base + path, body=body, headers=headers)
        answer = conn.getresponse()
        text = answer.read().decode("utf-8", "replace")
        for name, value in answer.getheaders():
            if name.lower() == "set-cookie":
                key, _eq, rest = value.split(";")[0].partition("=")
                self.cookies[key] = rest
        self.location = answer.getheader("Location") or ""
        conn.close()
        return answer.status, text

    def follow(self, path: str, hops: int = 12) -> tuple[int, str, str]:
        """GET `path` (from the server's root), following redirects as a browser does: the
        last answer, its text and the path it came from."""
        for _ in range(hops):
            status, text = self.request("GET", path, absolute=True)
            if status not in (301, 302, 303, 307):
                return status, text, path
            parts = urlsplit(self.location)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
        raise RuntimeError(f"more than {hops} redirects from {path}")

    def hub_login(self, name: str, password: str, seconds: float = PAGE_SECONDS) -> float:
        """Log in to a JupyterHub with its login form and wait until this user's server
        serves its start page (the hub starts it); the seconds that took. Pages are then
        asked for under /user/NAME."""
        start = time.perf_counter()
        _status, form = self.request("GET", "/hub/login", absolute=True)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form)
        fields = {"username": name, "password": password}
        if xsrf:
            fields["_xsrf"] = xsrf.group(1)
        status, _text = self.request("POST", "/hub/login", urlencode(fields), absolute=True)
        if status != 302:
            raise RuntimeError(f"login refused with {status}")
        self.base = f"/user/{name}"
        self.follow("/hub/spawn")
        while time.perf_counter() - start < seconds:
            status, _text, path = self.follow(f"{self.base}/voila/")  # a page: signs in
            if status == 200 and path.startswith(self.base):
                return time.perf_counter() - start
            time.sleep(1)
        raise RuntimeError(f"{name}'s server did not start within {seconds:.0f} s")

    def join(self, code: str, name: str) -> None:
        _status, form = self.request("GET", "/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        status, _text = self.request(
            "POST", "/login?next=/", urlencode({"_xsrf": xsrf, "code": code, "name": name})
        )
        if status != 302:
            raise RuntimeError(f"join refused with {status}")

    def websocket(self, kernel: str):
        from websockets.sync.client import connect

        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return connect(
            f"ws://{self.host}:{self.port}{self.base}/api/kernels/{kernel}/channels"
            f"?session_id={uuid.uuid4()}",
            additional_headers={"Cookie": cookie, "Origin": f"http://{self.host}:{self.port}"},
            open_timeout=30,
            legacy=True,  # kept open across calls, closed by close()
            max_size=None,
            max_queue=None,  # a page not read for a while (its teammate's is) still hears pings
            ping_interval=None,  # the server pings; a client busy elsewhere cannot answer its own
        )

    def leave(self, kernel: str) -> None:
        """What the page's beacon does when a tab closes or moves on."""
        xsrf = self.cookies.get("_xsrf", "")
        self.request("POST", f"/voila/api/shutdown/{kernel}", urlencode({"_xsrf": xsrf}))


def message(
    session: str, kind: str, content: dict, channel: str = "shell", metadata: dict | None = None
) -> str:
    header = {
        "msg_id": uuid.uuid4().hex,
        "username": "bench",
        "session": session,
        "msg_type": kind,
        "version": "5.3",
        "date": "2026-01-01T00:00:00Z",
    }
    return json.dumps(
        {
            "header": header,
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
    )


class Page:
    """One opened page: its kernel's websocket and its widgets' states."""

    def __init__(self, session: Session, kernel: str) -> None:
        self.session, self.kernel = session, kernel
        self.socket = session.websocket(kernel)
        self.id = uuid.uuid4().hex
        self.states: dict[str, dict] = {}

    def send(self, kind: str, content: dict, metadata: dict | None = None) -> None:
        self.socket.send(message(self.id, kind, content, metadata=metadata))

    def receive(self, seconds: float):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                raw = self.socket.recv(timeout=max(0.05, deadline - time.monotonic()))
            except TimeoutError:
                return
            if isinstance(raw, bytes):
                continue  # binary frames: buffers (none of ours)
            msg = json.loads(raw)
            self.track(msg)
            yield msg

    def track(self, msg: dict) -> None:
        """Keep the widgets' states as the kernel changes them (as the front end's models do):
        a picker's options grow when a teammate adds an item."""
        content = msg.get("content", {})
        data = content.get("data", {})
        if msg.get("msg_type") == "comm_open" and "state" in data:
            self.states[content["comm_id"]] = dict(data["state"])
        elif msg.get("msg_type") == "comm_msg" and data.get("method") == "update":
            self.states.setdefault(content.get("comm_id", ""), {}).update(data["state"])
        elif msg.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
            self.states.update({k: v.get("state", {}) for k, v in data["states"].items()})

    def ready(self) -> bool:
        """Whether the page's own content is there (what a browser test waits for: the step's
        navigation, the start page, or the bare page's button), not only Voila's frame. A
        page served by a kernel kept ready builds its content once the request reaches it."""
        return any(
            any(mark in str(state.get("value", "")) for mark in READY_MARKS)
            or "jk-bare" in state.get("_dom_classes", ())
            for state in self.states.values()
        )

    def load_widgets(self) -> bool:
        """Every widget's state, as the front end asks for it; True once the page is ready."""
        control = uuid.uuid4().hex
        self.send(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": CONTROL_VERSION},
        )
        self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        for _msg in self.receive(STATE_SECONDS):
            if self.ready():  # widgets built after the request count as they arrive
                return True
        return False

    def find(self, **wanted: str) -> str | None:
        for model, state in self.states.items():
            if all(str(state.get(k, "")) == v for k, v in wanted.items()):
                return model
        return None

    def update(self, model: str, **state: object) -> None:
        self.send(
            "comm_msg",
            {"comm_id": model, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )

    def click(self, model: str) -> None:
        self.send(
            "comm_msg",
            {"comm_id": model, "data": {"method": "custom", "content": {"event": "click"}}},
        )

    def wait_for_text(self, text: str, seconds: float = 60) -> bool:
        for msg in self.receive(seconds):
            state = msg.get("content", {}).get("data", {}).get("state", {})
            if text in str(state.get("value", "")):
                return True
        return False

    def close(self) -> None:
        self.socket.close()
        self.session.leave(self.kernel)


def open_page(session: Session, name: str, team: str = "") -> tuple[Page | None, float]:
    """GET the page and fetch its widgets: the page (None if it never finished) and its time
    to interactive."""
    start = time.perf_counter()
    query = f"?team={team}" if team else ""
    status, html = session.request("GET", f"/voila/render/{name}{query}")
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
    if status != 200 or not found:
        return None, time.perf_counter() - start
    page = Page(session, found.group(1))
    ready = page.load_widgets()
    return (page if ready else None), time.perf_counter() - start
