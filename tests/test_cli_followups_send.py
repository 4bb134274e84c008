"""`conference-app followups send` and `followups password`, against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from conference_app.core.services import mail_sending
from conference_app.core.services.mail_settings import SmtpSettings
from conference_app.core.workspace import Workspace
from tests.core.test_mail_sending import PEOPLE, Collector, Server, clock, make_due_database, start_server
from tests.core.test_mail_settings import MemorySecretStore, PlaintextKeyring, use_backend
from tests.test_cli_followups import add, run

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-10-23"


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    return make_due_database(capsys, tmp_path, PEOPLE)


@pytest.fixture
def server() -> Iterator[Server]:
    yield from start_server(Collector())


def send(capsys, db: Path, port: int, *more: object) -> tuple[int, object, str]:
    code, out, err = run(capsys, "--db", db, "followups", "send", "--smtp", f"127.0.0.1:{port}", "--pause", "0",
                         "--as-of", AS_OF, "--json", *more)
    return code, json.loads(out) if out.strip() else None, err


def test_send_reports_json_and_sends_nothing_twice(capsys, db: Path, server: Server) -> None:
    code, report, err = send(capsys, db, server.port)

    assert (code, report) == (0, {"sent": 5, "failed": [], "uncertain": []}), err
    assert sorted(server.handler.to()) == sorted(email for _name, email in PEOPLE)
    assert send(capsys, db, server.port)[:2] == (0, {"sent": 0, "failed": [], "uncertain": []})
    assert len(server.handler.received) == 5
    listed = json.loads(run(capsys, "--db", db, "followups", "--as-of", AS_OF, "--json")[1])
    assert {t["kind"] for t in listed} == {"nudge"}  # each follow-up done, its nudge on the clock


def test_a_refused_recipient_exits_1_and_is_retried_alone(capsys, db: Path) -> None:
    for running in start_server(Collector(refuse={"kofi@accra.example"})):
        code, report, _err = send(capsys, db, running.port)
        assert code == 1 and isinstance(report, dict) and report["sent"] == 4 and report["uncertain"] == []
        (failed,) = report["failed"]
        assert set(failed) == {"task", "to", "reason"} and failed["to"] == "kofi@accra.example"
        assert failed["reason"].startswith("550")
        running.handler.refuse.clear()
        assert send(capsys, db, running.port)[:2] == (0, {"sent": 1, "failed": [], "uncertain": []})
        assert running.handler.to().count("kofi@accra.example") == 1


def test_a_batch_killed_with_sigkill_and_run_again(capsys, db: Path) -> None:
    for running in start_server(Collector(hold_on=3)):
        command = [sys.executable, "-m", "conference_app", "--db", str(db), "followups", "send", "--smtp",
                   f"127.0.0.1:{running.port}", "--pause", "0", "--as-of", AS_OF, "--json"]
        with subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as child:
            try:
                assert running.handler.holding.wait(60), "the 3rd message never reached the server"
            finally:
                os.kill(child.pid, signal.SIGKILL)  # the server has the 3rd message; the app never hears back
                child.wait(30)
        running.handler.release.set()
        assert child.returncode == -signal.SIGKILL and len(running.handler.received) == 3
        third = running.handler.received[2]

        code, report, _err = send(capsys, db, running.port)
        assert code == 1 and isinstance(report, dict)
        assert report["sent"] == 2 and report["failed"] == []
        assert report["uncertain"] == [{"task": report["uncertain"][0]["task"], "to": third.rcpt_tos[0],
                                        "subject": third.message["Subject"]}]
        assert sorted(running.handler.to()) == sorted(email for _name, email in PEOPLE)  # each exactly once
        code, again, _err = send(capsys, db, running.port)
        assert (code, again) == (1, {"sent": 0, "failed": [], "uncertain": report["uncertain"]})  # never resent blind
        assert len(running.handler.received) == 5

        # The user chose the one-click resend: the same message, the same Message-ID.
        workspace = Workspace.open(db)
        try:
            (uncertain,) = mail_sending.uncertain_messages(workspace.database.sessions)
            resent = mail_sending.resend_uncertain(workspace.database.sessions, uncertain.message_id,
                                                   SmtpSettings("127.0.0.1", running.port, "none"), None, clock=clock)
        finally:
            workspace.close()
        assert resent.sent == [third.message["Message-ID"]]
        assert running.handler.received[-1].message["Message-ID"] == third.message["Message-ID"]
        assert send(capsys, db, running.port)[:2] == (0, {"sent": 0, "failed": [], "uncertain": []})
        assert len(running.handler.received) == 6


class LoginCollector(Collector):
    logins: list[tuple[str, str]]

    def authenticate(self, server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN201
        assert isinstance(auth_data, LoginPassword)
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"s3cret pass")


@pytest.fixture
def login_server() -> Iterator[Server]:
    handler = LoginCollector()
    handler.logins = []
    yield from start_server(handler, authenticator=handler.authenticate, auth_require_tls=False)


def test_the_password_comes_from_the_keyring(capsys, db: Path, login_server: Server,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    handler = login_server.handler
    assert isinstance(handler, LoginCollector)
    smtp = f"127.0.0.1:{login_server.port}"
    for store in use_backend(MemorySecretStore()):
        code, report, err = send(capsys, db, login_server.port, "--user", "sam")
        assert (code, report) == (1, None)
        assert err == (f"conference-app: no password stored for sam on {smtp}: run "
                       f"`conference-app followups password --smtp {smtp} --user sam` first\n")

        monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret pass\n"))
        code, out, err = run(capsys, "--db", db, "followups", "password", "--smtp", smtp, "--user", "sam")
        assert code == 0 and "s3cret" not in out + err
        assert store.get_password("conference-companion-smtp", f"sam@{smtp}") == "s3cret pass"

        assert send(capsys, db, login_server.port)[:2] == (0, {"sent": 5, "failed": [], "uncertain": []})
        assert handler.logins == []  # without --user no login is attempted
    assert handler.logins == []


def test_login_with_the_stored_password_and_a_plaintext_store_refused(capsys, db: Path, login_server: Server,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    handler = login_server.handler
    assert isinstance(handler, LoginCollector)
    smtp = f"127.0.0.1:{login_server.port}"
    for _store in use_backend(PlaintextKeyring()):
        monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret pass\n"))
        code, _out, err = run(capsys, "--db", db, "followups", "password", "--smtp", smtp, "--user", "sam")
        assert code == 1 and err.count("\n") == 1 and "no secure password store" in err
        code, _report, err = send(capsys, db, login_server.port, "--user", "sam")
        assert code == 1 and err.count("\n") == 1 and "no secure password store" in err
    for store in use_backend(MemorySecretStore()):
        store.set_password("conference-companion-smtp", f"sam@{smtp}", "s3cret pass")
        assert send(capsys, db, login_server.port, "--user", "sam")[:2] == (0, {"sent": 5, "failed": [], "uncertain": []})
    assert handler.logins == [("sam", "s3cret pass")]  # one connection for the whole batch
    assert len(handler.received) == 5


def test_plain_output_lists_the_skipped_and_bad_input_is_one_line(capsys, db: Path, server: Server) -> None:
    add(capsys, db, "Noor Haddad", "noor@amman.example", "--on", "2026-10-18T11:00")
    assert run(capsys, "--db", db, "contacts", "add", "Ines Duarte", "--on", "2026-10-18T12:00")[0] == 0  # no email
    code, out, _err = run(capsys, "--db", db, "followups", "send", "--smtp", f"127.0.0.1:{server.port}",
                          "--pause", "0", "--as-of", AS_OF)
    assert code == 0 and out.splitlines()[0] == "sent 6 of 7"
    assert any(line.startswith("skipped follow_up:") and "(Ines Duarte): no address" in line for line in out.splitlines())

    for bad, problem in ((["--smtp", "nohost"], "HOST:PORT"), (["--smtp", "127.0.0.1:1", "--pause", "-3"], "pause"),
                         (["--smtp", "127.0.0.1:1", "--starttls", "--ssl"], "not allowed with")):
        code, _out, err = run(capsys, "--db", db, "followups", "send", *bad)
        assert code != 0 and problem in err and "Traceback" not in err
