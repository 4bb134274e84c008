"""Choosing a QR code's mask quickly: the same choice `qrcode` makes, in a fraction of the time.

`qrcode` picks the best of the eight masks by drawing the whole symbol eight times and scoring each
drawing module by module in Python: most of the time a card takes to appear. Here the symbol is
drawn once; each mask becomes one XOR per row and per column (as integers), and the ISO/IEC 18004
penalty rules are scored on those integers and their bit strings. tests/core/test_qr_masks.py checks
that the choice and the score equal the library's. Relies on `qrcode`'s QRCode internals
(makeImpl, modules, setup_type_info), which the version pin in pyproject.toml keeps stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import qrcode
from qrcode import util
from qrcode.main import copy_2d_array, precomputed_qr_blanks

_RUNS = re.compile(r"1{5,}|0{5,}")  # rule 1: five or more modules of one colour in a line
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")  # rule 3, overlapping matches counted
_XORS: dict[int, list[tuple[list[int], list[int]]]] = {}  # version → per mask, (row XORs, column XORs)


def line_bits(lines: Iterable[Sequence[bool | None]]) -> list[int]:
    """Each line of modules as an integer, the first module the highest bit."""
    return [int("".join("1" if module else "0" for module in line), 2) for line in lines]


def penalty(rows: list[int], columns: list[int], size: int) -> int:
    """The symbol's penalty score (rules 1–4), equal to qrcode.util.lost_point on the same modules."""
    width = f"0{size}b"
    points = 0
    for line in rows + columns:
        text = format(line, width)
        for run in _RUNS.findall(text):
            points += len(run) - 2
        points += 40 * len(_FINDER_LIKE.findall(text))
    full, pairs = (1 << size) - 1, (1 << (size - 1)) - 1
    for upper, lower in zip(rows, rows[1:]):  # rule 2: 2×2 blocks of one colour
        same = ~(upper ^ lower) & full
        points += 3 * bin(same & (same >> 1) & ~(upper ^ (upper >> 1)) & pairs).count("1")
    dark = sum(bin(row).count("1") for row in rows)
    return points + int(abs(dark / (size * size) * 100 - 50) / 5) * 10


class QuickMaskQRCode(qrcode.QRCode):
    """A QRCode whose best mask is found by scoring integer rows and columns, not eight redraws."""

    def best_mask_pattern(self) -> int:
        self.makeImpl(True, 0)
        size = self.modules_count
        xors = _XORS.get(self.version) or _mask_xors(self, size)
        rows = line_bits(self.modules)
        columns = line_bits(zip(*self.modules))
        best, best_points = 0, 0
        for mask, (row_xor, column_xor) in enumerate(xors):
            points = penalty(
                [row ^ x for row, x in zip(rows, row_xor)], [col ^ x for col, x in zip(columns, column_xor)], size
            )
            if mask == 0 or points < best_points:  # the first of equal scores, as qrcode chooses
                best, best_points = mask, points
        return best


def _mask_xors(code: QuickMaskQRCode, size: int) -> list[tuple[list[int], list[int]]]:
    """For each mask, which data modules it flips compared with mask 0, as row and column bit masks."""
    drawn = code.modules
    code.modules = copy_2d_array(precomputed_qr_blanks[code.version])
    code.setup_type_info(True, 0)  # in test mode the format bits are the same for every mask
    if code.version >= 7:
        code.setup_type_number(True)
    data = [(r, c) for r in range(size) for c in range(size) if code.modules[r][c] is None]
    code.modules = drawn
    masks = [util.mask_func(pattern) for pattern in range(8)]
    xors = []
    for pattern in range(8):
        row_xor, column_xor = [0] * size, [0] * size
        for r, c in data:
            if bool(masks[0](r, c)) != bool(masks[pattern](r, c)):
                row_xor[r] |= 1 << (size - 1 - c)
                column_xor[c] |= 1 << (size - 1 - r)
        xors.append((row_xor, column_xor))
    _XORS[code.version] = xors
    return xors
