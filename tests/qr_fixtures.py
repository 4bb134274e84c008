"""Pictures of QR codes and the profile behind "my card", shared by the card and scanning tests."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image

from conference_app.core.domain.planning import ProfileData

CARD_PROFILE = ProfileData(
    name="Zoë Ångström-Nuñez",
    stage="PGY-3",
    institution="Universitätsspital Zürich",
    email="zoe@example.org",
    phone="+41 44 555 12 34",
    linkedin="linkedin.com/in/zoe-angstrom",
    x_handle="@zoe_an",
    orcid="0000-0002-1825-0097",
)


def code_picture(path: Path, *texts: str) -> Path:
    """A PNG holding one QR code per text, side by side, made with the qrcode package."""
    codes = []
    for text in texts:
        maker = qrcode.QRCode(box_size=6, border=4)
        maker.add_data(text.encode("utf-8"))
        codes.append(maker.make_image().get_image().convert("L"))
    sheet = Image.new("L", (sum(c.width for c in codes) + 40 * len(codes), max(c.height for c in codes) + 40), 255)
    x = 20
    for code in codes:
        sheet.paste(code, (x, 20))
        x += code.width + 40
    sheet.save(path, format="PNG")
    return path
