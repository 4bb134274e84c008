"""The quick mask choice is the library's choice: same score, same mask, same modules."""

from __future__ import annotations

import random
import string

import qrcode
from qrcode import util
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_8BIT_BYTE, QRData

from conference_app.core.exporters.qr_masks import QuickMaskQRCode, line_bits, penalty


def modules(kind: type[qrcode.QRCode], text: str) -> list[list[bool]]:
    code = kind(error_correction=ERROR_CORRECT_M, box_size=1, border=4)
    code.add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE))
    code.make(fit=True)
    return code.get_matrix()


def test_the_penalty_equals_the_librarys_on_random_symbols() -> None:
    rng = random.Random(5)
    for size in (21, 25, 45, 77, 101):
        for _ in range(10):
            grid = [[rng.random() < rng.choice((0.3, 0.5, 0.7)) for _ in range(size)] for _ in range(size)]
            assert penalty(line_bits(grid), line_bits(zip(*grid)), size) == util.lost_point(grid)


def test_the_chosen_symbol_equals_the_librarys_for_texts_of_every_size() -> None:
    rng = random.Random(11)
    texts = ["BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström-Nuñez\r\nEND:VCARD\r\n", "x", "1234567890" * 30]
    texts += ["".join(rng.choice(string.printable + "éøß中") for _ in range(rng.randint(1, 1200))) for _ in range(40)]
    for text in texts:
        assert modules(QuickMaskQRCode, text) == modules(qrcode.QRCode, text), text[:40]
