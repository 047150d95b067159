"""The room: participants join one facilitator's laptop with the workshop code, the facilitator
with the key; everything else is refused. The room is opened on 127.0.0.2, which stands for a
network address (the code is required there exactly as on a LAN); traffic stays in 127/8."""

from __future__ import annotations

import http.client
import json
import re
import tempfile
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from browsing import click, field, guarded_context, serving, status
from playwright.sync_api import expect

from journeykit.app.room import Room, join_panel, normal_code, room_file
from journeykit.app.room_gate import Attempts
from journeykit.model import Touchpoint, Workspace
from journeykit.participants import clean_name, participant
from journeykit.sample import create_sample
from journeykit.store import Store
from journeykit.widgets.live import FOLLOWER

ROOM_IP = "127.0.0.2"
PAGE_MS = 120_000
TEAM = "north"


# ----- the room's facts, without a server ------------------------------------------------


def test_codes_are_short_readable_and_typed_any_way() -> None:
    room = Room.new()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", room.code)
    assert not set(room.code) & set("0O1I2Z5S8B")
    assert room.role_of(room.code.lower().replace("-", " ")) == "participant"
    persian = room.code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert room.role_of(persian) == "participant"
    assert room.role_of(room.key) == "facilitator"
    for wrong in ("", " ", "-", room.code[:-1], room.code + "A", room.key[:-1]):
        assert room.role_of(wrong) is None
    assert normal_code(" ab-c d ") == "ABCD"


def test_host_check_takes_the_rooms_addresses_only() -> None:
    room = Room("ABC-DEF", "key", "00", ("192.168.1.20", "127.0.0.1", "localhost"), 8866)
    assert room.host_allowed("192.168.1.20:8866") and room.host_allowed("LOCALHOST:8866")
    for host in ("evil.example", "evil.example:8866", "192.168.1.21:8866", "", "[::1]:8866"):
        assert not room.host_allowed(host)
    assert room.join_urls() == ["http://192.168.1.20:8866/"]


def test_wrong_codes_are_rate_limited_per_address() -> None:
    tries = Attempts()
    for _n in range(5):
        assert tries.wait("10.0.0.9", now=100.0) == 0
        tries.failure("10.0.0.9", now=100.0)
    assert tries.wait("10.0.0.9", now=101.0) > 0
    assert tries.wait("10.0.0.10", now=101.0) == 0
    assert tries.wait("10.0.0.9", now=161.0) == 0


def test_names_lose_control_characters() -> None:
    assert clean_name("Ana\x0b \x00Kovács\n") == "Ana Kovács"
    assert clean_name("x" * 100) == "x" * 40
    assert clean_name("می\u200cخواهم") == "می\u200cخواهم"


def test_code_and_key_are_kept_for_the_next_session(tmp_path: Path) -> None:
    from journeykit.app.room import open_room

    url = f"sqlite:///{tmp_path / 'w.db'}"
    first = open_room(url, ["127.0.0.2"], 9000)
    again = open_room(url, ["127.0.0.2"], 9000)
    fresh = open_room(url, ["127.0.0.2"], 9000, fresh=True)
    assert (first.code, first.key, first.secret) == (again.code, again.key, again.secret)
    assert fresh.code != first.code and fresh.key != first.key
    assert room_file(url).stat().st_mode & 0o077 == 0


def test_join_panel_shows_the_address_code_and_an_offline_qr(monkeypatch) -> None:
    monkeypatch.setenv(
        "JOURNEYKIT_JOIN", json.dumps({"code": "K7M-4QX", "urls": ["http://10.1.2.3:8866/"]})
    )
    html = join_panel()
    assert "http://10.1.2.3:8866/" in html and "K7M-4QX" in html
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("xmlns", 1)[0]
    monkeypatch.delenv("JOURNEYKIT_JOIN")
    assert join_panel() == ""


def test_outside_a_room_the_local_user_is_the_facilitator(monkeypatch) -> None:
    monkeypatch.delenv("HTTP_X_JOURNEYKIT_PARTICIPANT", raising=False)
    assert participant().facilitator
    monkeypatch.setenv(
        "HTTP_X_JOURNEYKIT_PARTICIPANT", '{"id": "a1", "name": "Ana", "role": "participant"}'
    )
    assert participant().name == "Ana" and not participant().facilitator
    monkeypatch.setenv("HTTP_X_JOURNEYKIT_PARTICIPANT", "{broken")
    assert not participant().facilitator


# ----- teammates see each other (the page's poll, without a browser) ----------------------


def test_a_teammates_save_shows_without_refresh_and_typing_is_kept(store: Store) -> None:
    from journeykit.widgets import TouchpointCatalog

    store.create_team(Workspace(id=TEAM, name="North"))
    mine = TouchpointCatalog(store, TEAM)
    FOLLOWER.watches.clear()
    from journeykit.widgets.live import follow

    follow(store, TEAM, mine.follow)
    other = Store(store.url)
    other.add(TEAM, Touchpoint(id="chat", name="Live chat", channel="chat", digital=True))
    assert FOLLOWER.poll() == 1
    assert "Live chat" in mine.table.value
    assert FOLLOWER.poll() == 0, "nothing changed since"
    # the person here types a new touchpoint's name (as the browser sends it) ...
    mine.name.set_state({"value": "Phone line"})
    mine.channel.set_state({"value": "phone"})
    other.add(TEAM, Touchpoint(id="shop", name="Shop", channel="store", digital=False))
    FOLLOWER.poll()
    assert mine.name.value == "Phone line", "typing was replaced under the cursor"
    assert "What you typed here is kept" in mine.status.value
    mine.submit()
    assert "Saved touchpoint 'Phone line'" in unescape(mine.status.value)
    assert {"Live chat", "Shop", "Phone line"} <= {t.name for t, _r in mine.stored.values()}
    FOLLOWER.watches.clear()


def test_presence_lists_who_has_a_page_open(store: Store) -> None:
    from journeykit.app.dashboard import people_table
    from journeykit.app.steps import step

    store.create_team(Workspace(id=TEAM, name="North"))
    store.seen("p1", "Ana", "participant", TEAM, "02-employee-workshop.ipynb")
    store.seen("p1", "Ana", "participant", TEAM, "01-discovery.ipynb", acted=True)
    store.seen("p2", "<b>Bo</b>", "participant", TEAM, "01-discovery.ipynb")
    html = people_table(store, {TEAM: "North"})
    assert "Ana" in html and "&lt;b&gt;Bo&lt;/b&gt;" in html
    # the pages by the step's number and name, not the notebook's file name
    assert f"1. {step(1).name}, 2. {step(2).name}" in html and ".ipynb" not in html
    assert "just now" in html and "no saves yet" in html
    assert people_table(store, {}, now=time.time() + 3600).count("<tr") >= 1  # the header row
    assert "Nobody has a page open" in people_table(Store(store.url + "x"), {})


# ----- the gate, against a real server ------------------------------------------------------


@pytest.fixture(scope="module")
def room_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("room") / "room.db"
    with Store(path) as opened:
        create_sample(opened, responses=300, events=2000, interviews=4)
    return path


@pytest.fixture(scope="module")
def room_url(room_store: Path) -> Iterator[str]:
    with serving(room_store, room_store.parent, pool=0, ip=ROOM_IP) as url:
        yield url


def _room(room_store: Path) -> Room:
    return Room.from_env(room_file(f"sqlite:///{room_store}").read_text())


def request(url: str, path: str, method: str = "GET", body: str | None = None, **headers):
    """One HTTP request that follows nothing: (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request(method, path, body=body, headers=headers)
    answer = conn.getresponse()
    data = answer.read()
    conn.close()
    return answer.status, dict(answer.getheaders()), data.decode("utf-8", "replace")


def join(url: str, code: str, name: str = "Ana", next_path: str = "/") -> tuple[int, str, str]:
    """Post the join form as a browser does: (status, cookie header to send, body)."""
    _s, headers, form = request(url, "/login")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    cookies = "; ".join(c.split(";")[0] for k, c in headers.items() if k.lower() == "set-cookie")
    body = urlencode({"_xsrf": xsrf, "code": code, "name": name})
    got, answer, text = request(
        url,
        "/login?" + urlencode({"next": next_path}),
        "POST",
        body,
        Cookie=cookies,
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    login = [c.split(";")[0] for k, c in answer.items() if k.lower() == "set-cookie"]
    return got, "; ".join([cookies, *login]), text


PROTECTED = (
    "/",
    "/voila/render/00-start.ipynb",
    "/voila/render/01-discovery.ipynb?team=north",
    "/voila/render/facilitator.ipynb",
    "/voila/tree",
    "/voila/api/contents",
    "/voila/api/contents/00-start.ipynb",
    "/api/kernels",
    "/api/kernels/00000000-0000-0000-0000-000000000000",
    "/api/kernels/00000000-0000-0000-0000-000000000000/channels",
    "/api/contents",
    "/voila/static/voila.js",
    "/voila/templates/journeykit/static/fontawesome/css/all.min.css",
    "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json",
    "/voila/files/00-start.ipynb",
    "/voila/api/themes/theme-light-extension/index.css",
    "/voila/api/shutdown/00000000-0000-0000-0000-000000000000",
)


@pytest.mark.slow
def test_nothing_answers_without_the_code(room_url: str, room_store: Path) -> None:
    log = (room_store.parent / "serve.log").read_text()
    kernels = log.count("Kernel started")
    for path in PROTECTED:
        for method in ("GET", "POST"):
            got, headers, body = request(
                room_url, path, method, body="" if method == "POST" else None
            )
            if got in (301, 302):
                assert headers["Location"].startswith("/login?next="), (path, headers)
            else:
                assert got in (403, 404, 405), (path, method, got)
            assert "jupyter-config-data" not in body and "kernelId" not in body, path
    got, headers, body = request(
        room_url, "/voila/render/00-start.ipynb", Cookie="username-x=forged"
    )
    assert got == 302
    # a cookie from an earlier room (or forged) gets the join form with the reason
    parts = urlsplit(room_url)
    stale = f"username-{parts.hostname.replace('.', '-')}-{parts.port}=2|stale|cookie"
    got, _h, body = request(room_url, "/login", Cookie=stale)
    assert got == 200 and "expired or the room was reopened" in body
    log = (room_store.parent / "serve.log").read_text()
    assert log.count("Kernel started") == kernels, "a kernel was started for a stranger"
    # the join form itself and what it draws with are public
    assert request(room_url, "/login")[0] == 200
    assert request(room_url, "/voila/templates/journeykit/static/fonts/fonts.css")[0] == 200


@pytest.mark.slow
def test_the_served_folder_leaks_nothing(room_url: str, room_store: Path) -> None:
    room = _room(room_store)
    _s, cookie, _b = join(room_url, room.code)
    for path in (
        f"/voila/files/{room_store.name}",
        "/voila/files/../var/sample.db",
        f"/voila/files/{room_store}",
        "/voila/files/%2e%2e/exercises/.solutions/s05_scores.py",
        "/voila/files/serve.log",
        f"/voila/files/{room_store.name}.room.json",
        "/voila/static/../../../../etc/passwd",
        "/voila/templates/journeykit/static/../../../../../../etc/passwd",
    ):
        got, _h, body = request(room_url, path, Cookie=cookie)
        assert got in (403, 404), (path, got)
        assert "SQLite format" not in body and room.key not in body and "root:" not in body


@pytest.mark.slow
def test_a_strange_host_is_refused(room_url: str, room_store: Path) -> None:
    room = _room(room_store)
    _s, cookie, _b = join(room_url, room.code)
    for host in ("evil.example", "evil.example:80", "127.0.0.1", "localhost"):
        got, _h, body = request(room_url, "/voila/render/00-start.ipynb", Host=host, Cookie=cookie)
        assert got == 403, host
        assert "jupyter-config-data" not in body
        assert request(room_url, "/login", Host=host)[0] == 403


@pytest.mark.slow
def test_codes_admit_participants_and_the_key_the_facilitator(
    room_url: str, room_store: Path
) -> None:
    room = _room(room_store)
    got, _cookie, body = join(room_url, "WRONG-1")
    assert got == 401 and "not this workshop&#39;s code" in body
    got, _cookie, body = join(room_url, room.code, name="  \x0b ")
    assert got == 400 and "Write the name" in body
    got, participant_cookie, _b = join(room_url, room.code.lower(), "Ana")
    assert got == 302
    assert request(room_url, "/voila/tree", Cookie=participant_cookie)[0] == 200
    got, headers, _b = request(
        room_url, "/voila/render/facilitator.ipynb", Cookie=participant_cookie
    )
    assert got == 302 and "facilitator.ipynb" in headers["Location"]
    got, _h, body = request(
        room_url, "/login?next=/voila/render/facilitator.ipynb", Cookie=participant_cookie
    )
    assert "This page is for the facilitator" in body
    got, _c, body = join(room_url, room.code, "Ana", "/voila/render/facilitator.ipynb")
    assert got == 403 and "This page is for the facilitator" in body
    got, facilitator_cookie, _b = join(room_url, room.key, "", "/voila/render/facilitator.ipynb")
    assert got == 302
    got, _h, _b = request(room_url, "/voila/api/contents", Cookie=facilitator_cookie)
    assert got == 200


@pytest.mark.slow
def test_guessing_the_code_is_slowed_down(room_url: str, room_store: Path) -> None:
    room = _room(room_store)
    answers = [join(room_url, f"GUE-SS{n}")[0] for n in range(7)]
    assert answers[:4] == [401] * 4 and answers[-1] == 429
    got, _c, body = join(room_url, room.code)
    assert got == 429 and "Too many wrong codes" in body


@pytest.mark.slow
def test_ten_pages_rendered_at_once_are_all_complete(room_store: Path, tmp_path: Path) -> None:
    """Ten participants open step pages at the same moment on a server with no ready kernel:
    every page finishes and its widgets answer (Voila renders stalled under load before)."""
    from concurrent.futures import ThreadPoolExecutor

    from journeykit.app.client import Session, open_page

    pages = [
        "01-discovery.ipynb",
        "02-employee-workshop.ipynb",
        "04-quantitative-validation.ipynb",
        "05-final-map.ipynb",
        "06-action-planning.ipynb",
    ]
    with serving(room_store, tmp_path, pool=0, ip=ROOM_IP) as url:
        room = _room(room_store)

        def one(n: int):
            session = Session(url)
            session.join(room.code, f"P{n}")
            page, _seconds = open_page(session, pages[n % len(pages)], TEAM)
            if page is None:
                return None
            found = sorted(s.get("_model_name", "") for s in page.states.values())
            page.close()
            return found

        with ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(one, range(10)))
    assert all(results), f"{results.count(None)} of 10 pages never finished"
    assert all("ButtonModel" in r and "HTMLModel" in r for r in results)


# ----- two participants of one team, in chromium -------------------------------------------


def projector_shot(tab, name: str) -> None:
    """What a 1024x768 projector shows of the page (artifacts/screenshots/NAME.png)."""
    from browsing import ARTIFACTS

    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    tab.set_viewport_size({"width": 1024, "height": 768})
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(folder / f"{name}.png"))


def join_in_browser(browser, url: str, code: str, name: str, target: str):
    context, outside = guarded_context(browser)
    context.set_default_timeout(PAGE_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(url + target.lstrip("/"), timeout=PAGE_MS)
    tab.locator("input#code").fill(code)
    tab.locator("input#name").fill(name)
    tab.get_by_role("button", name="Join").click()
    return context, tab, outside, errors


@pytest.mark.browser
@pytest.mark.slow
def test_two_teammates_on_the_room_address_see_each_others_saves(
    browser, room_store: Path, tmp_path: Path
) -> None:
    """Own server: the gate tests above spend the rate limit of 127.0.0.1's browser."""
    with serving(room_store, tmp_path, pool=0, ip=ROOM_IP) as url:
        room = _room(room_store)
        step = f"voila/render/02-employee-workshop.ipynb?team={TEAM}"
        first = join_in_browser(browser, url, "", "", step)
        projector_shot(first[1], "room-join-form")
        for code in ("fa", "hu", "ru"):
            first[1].goto(f"{url}login?lang={code}", timeout=PAGE_MS)
            assert first[1].locator("html").get_attribute("lang") == code
            projector_shot(first[1], f"room-join-form-{code}")
        assert first[1].locator("html").get_attribute("dir") == "ltr"
        first[1].goto(f"{url}login?lang=fa", timeout=PAGE_MS)
        assert first[1].locator("html").get_attribute("dir") == "rtl"
        expect(first[1].locator("h1")).to_have_text("پیوستن به کارگاه")
        first[0].close()
        ana_context, ana, ana_outside, ana_errors = join_in_browser(
            browser, url, room.code.lower(), "Ana", step
        )
        bo_context, bo, bo_outside, bo_errors = join_in_browser(browser, url, room.code, "Bo", step)
        for tab in (ana, bo):
            tab.locator(".jk-editor").nth(1).wait_for(timeout=PAGE_MS)
        catalog = ana.locator(".jk-editor").first
        field(catalog, "Touchpoint", "select").select_option(label="+ New touchpoint")
        field(catalog, "Name").fill("Printed leaflet")
        field(catalog, "Channel").fill("post")
        click(catalog, "Add touchpoint")
        status(catalog, "Saved touchpoint 'Printed leaflet'")
        saved = time.monotonic()
        theirs = bo.locator(".jk-editor").first.locator("table.jk-touchpoints")
        expect(theirs.locator("tr", has_text="Printed leaflet")).to_be_visible(timeout=5_000)
        assert time.monotonic() - saved <= 5.5
        # Bo types while Ana saves again: Bo's typing stays
        bo_catalog = bo.locator(".jk-editor").first
        field(bo_catalog, "Touchpoint", "select").select_option(label="+ New touchpoint")
        field(bo_catalog, "Name").fill("Call centre")
        field(catalog, "Touchpoint", "select").select_option(label="+ New touchpoint")
        field(catalog, "Name").fill("Shop window")
        field(catalog, "Channel").fill("store")
        click(catalog, "Add touchpoint")
        status(bo_catalog, "What you typed here is kept")
        expect(field(bo_catalog, "Name")).to_have_value("Call centre")
        # the facilitator sees both of them, with the key, on the dashboard
        dash_context, dash, dash_outside, dash_errors = join_in_browser(
            browser, url, room.key, "", "voila/render/facilitator.ipynb"
        )
        people = dash.locator("table.jk-people")
        # a participant's row by the name cell ("Bo" is also in the facilitator's "dashboard")
        ana_row = people.locator("tr").filter(has=dash.get_by_role("cell", name="Ana", exact=True))
        expect(ana_row).to_be_visible(timeout=PAGE_MS)
        bo_cell = dash.get_by_role("cell", name="Bo", exact=True)
        expect(people.locator("tr").filter(has=bo_cell)).to_be_visible()
        expect(ana_row).not_to_contain_text("no saves yet")
        expect(dash.locator(".jk-join-code")).to_have_text(room.code)
        projector_shot(dash, "room-dashboard")
        # the start page: a participant sees one line on how others join, the facilitator's
        # projector the whole panel
        ana.goto(url + "voila/render/00-start.ipynb", timeout=PAGE_MS)
        ana.locator(".jk-join-line").wait_for(timeout=PAGE_MS)
        expect(ana.locator(".jk-join-line")).to_contain_text(room.code)
        expect(ana.locator(".jk-you")).to_contain_text("Ana")
        assert ana.locator(".jk-join-panel").count() == 0
        projector_shot(ana, "room-start-participant")
        dash.goto(url + "voila/render/00-start.ipynb", timeout=PAGE_MS)
        dash.locator(".jk-join-panel").wait_for(timeout=PAGE_MS)
        box = dash.locator(".jk-join-qr svg").bounding_box()
        assert box and box["width"] >= 150, "the QR code is too small to scan from a seat"
        projector_shot(dash, "room-start-projector")
        for outside, errors in (
            (ana_outside, ana_errors),
            (bo_outside, bo_errors),
            (dash_outside, dash_errors),
        ):
            assert not outside and not errors, (outside, errors)
        for context in (ana_context, bo_context, dash_context):
            context.close()


# ----- kernels forked from a parent that has imported the kit ------------------------------


def _processes() -> dict[str, tuple[str, str]]:
    """pid -> (parent pid, command line) of every process now."""
    found = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and _alive(proc):
            try:
                ppid = (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
            except (OSError, IndexError):
                continue
            found[proc.name] = (ppid, _cmd(proc))
    return found


@pytest.mark.slow
def test_page_kernels_are_forked_and_leave_with_the_server(
    room_store: Path, tmp_path: Path
) -> None:
    with serving(room_store, tmp_path, pool=0) as url:
        got, _h, body = request(url, "/voila/render/01-discovery.ipynb?team=north")
        assert got == 200 and "jk-" in body
        log = (tmp_path / "serve.log").read_text()
        folder = re.search(r"Storing connection files in (\S+?)\.?$", log, re.M).group(1)
        now = _processes()
        assert not [c for _p, c in now.values() if folder in c], "a kernel was spawned"
        port = f"--port={urlsplit(url).port}"
        (server,) = [pid for pid, (_p, c) in now.items() if port in c and "launch" in c]
        forks = [pid for pid, (ppid, c) in now.items() if ppid == server and "forking" in c]
        kernels = [pid for pid, (ppid, _c) in now.items() if ppid in forks]
        assert len(forks) == 1 and kernels, (forks, kernels)
        # channels are Unix sockets, never TCP ports two kernels could be handed at once
        files = [json.loads(p.read_text()) for p in Path(folder).glob("kernel-*.json")]
        assert files and {f["transport"] for f in files} == {"ipc"}, files
        assert "running over TCP" not in (tmp_path / "serve.log").read_text()
        sockets = Path(files[0]["ip"]).parent
    assert not sockets.exists(), "the kernels' socket folder outlived the workshop"
    deadline = time.monotonic() + 20
    gone = lambda: not set(forks + kernels) & set(_processes())  # noqa: E731
    while time.monotonic() < deadline and not gone():
        time.sleep(0.5)
    assert gone(), "the fork server or a kernel outlived the workshop"


@pytest.mark.slow
def test_a_page_no_browser_connected_to_gives_its_kernel_back(
    room_store: Path, tmp_path: Path
) -> None:
    """A tab closed before its page finished never says goodbye: its kernel is shut down once
    idle with nobody connected (a minute by default; 4 s here), while an open page keeps its
    own however long it stays idle."""
    from journeykit.app.client import Session, open_page

    with serving(room_store, tmp_path, pool=0, ip=ROOM_IP, kernel_idle=4) as url:
        session = Session(url)
        session.join(_room(room_store).code, "Stays")
        page, _seconds = open_page(session, "01-discovery.ipynb", TEAM)
        assert page is not None
        left, body = session.request("GET", f"/voila/render/01-discovery.ipynb?team={TEAM}")
        assert left == 200 and "jk-" in body  # rendered, and its tab closed at once
        port = f"--port={urlsplit(url).port}"

        def kernels() -> set[int]:
            now = _processes()
            (server,) = [pid for pid, (_p, c) in now.items() if port in c and "launch" in c]
            forks = {pid for pid, (ppid, c) in now.items() if ppid == server and "forking" in c}
            return {pid for pid, (ppid, _c) in now.items() if ppid in forks}

        assert len(kernels()) == 2
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(kernels()) > 1:
            time.sleep(0.5)
        assert len(kernels()) == 1, "the kernel of the page nobody opened is still there"
        time.sleep(6)  # well past the idle time: the open page keeps its kernel
        assert len(kernels()) == 1
        page.close()


def _cmd(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def _alive(proc: Path) -> bool:
    try:
        return (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_outside_a_room_only_this_machine_may_ask(workshop_url: str) -> None:
    """Plain `serve` answers only a loopback address or "localhost" in the Host header: a web
    page that points its own name at 127.0.0.1 (DNS rebinding) gets no page and no kernel."""
    port = urlsplit(workshop_url).port
    page = "/voila/render/00-start.ipynb"
    for host in ("evil.example", f"evil.example:{port}", "192.168.1.20", "localhost.evil.example"):
        got, _h, body = request(workshop_url, page, Host=host)
        assert got == 403 and "kernelId" not in body, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        got, _h, body = request(workshop_url, page, Host=host)
        assert got == 200 and "kernelId" in body, host


@pytest.mark.slow
def test_a_map_one_page_drew_is_shown_by_the_next_and_leaves_with_the_server(
    room_store: Path, tmp_path: Path
) -> None:
    """The kernels of one server share the maps they drew (`journeykit.drawn`): a teammate's
    page shows the map the first page kept, in the server's private folder, gone with it."""
    from journeykit.app.client import Session, open_page

    def spec(page: object) -> dict:
        (found,) = [s["spec"] for s in page.states.values() if s.get("spec")]  # type: ignore[attr-defined]
        return found

    before = set(Path(tempfile.gettempdir()).glob("journeykit-charts-*"))
    with serving(room_store, tmp_path, pool=0, ip=ROOM_IP) as url:
        session = Session(url)
        session.join(_room(room_store).code, "First")
        page, _seconds = open_page(session, "02-employee-workshop.ipynb", TEAM)
        assert page is not None
        drawn = spec(page)
        page.close()
        (folder,) = set(Path(tempfile.gettempdir()).glob("journeykit-charts-*")) - before
        assert folder.stat().st_mode & 0o077 == 0, "the maps' folder is open to other users"
        (kept,) = folder.glob("*.json")
        record = json.loads(kept.read_text())
        assert record["spec"] == drawn
        record["spec"]["description"] = "taken from the folder"  # what only the folder says
        kept.write_text(json.dumps(record))
        again, _seconds = open_page(session, "02-employee-workshop.ipynb", TEAM)
        assert again is not None
        assert spec(again).get("description") == "taken from the folder"
        again.close()
    assert not folder.exists(), "the drawn maps outlived the workshop"
