"""The floor of the drafts benchmark: a plain stdlib `email` loop writing prepared messages as .eml files.

    python -m bench.plain_email_drafts MESSAGES.json OUT_DIR

MESSAGES.json is a list of {"from", "to", "subject", "body", "message_id"}: the texts the app merged for the
same tasks. Each becomes an EmailMessage with the same headers and body, written to one file.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path


def main(argv: list[str]) -> int:
    messages = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    folder = Path(argv[1])
    written_at = format_datetime(datetime.now(timezone.utc))
    for number, fields in enumerate(messages):
        message = EmailMessage()
        message["From"] = fields["from"]
        message["To"] = fields["to"]
        message["Subject"] = fields["subject"]
        message["Date"] = written_at
        message["Message-ID"] = fields["message_id"]
        message["X-Unsent"] = "1"
        message.set_content(fields["body"])
        (folder / f"{number:05d}.eml").write_bytes(message.as_bytes())
    print(json.dumps({"written": len(messages)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
