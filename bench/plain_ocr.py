"""The floor of the card-reading benchmark: one bare RapidOCR call on a picture, in a plain Python process.

    python -m bench.plain_ocr IMAGE

Prints the lines read, then one JSON line with how long loading the reader and reading took.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    from rapidocr import RapidOCR

    reader = RapidOCR(params={"Global.log_level": "critical"})
    loaded = time.perf_counter()
    result = reader(argv[0])
    done = time.perf_counter()
    print("\n".join(result.txts or ()))
    print(json.dumps({"load_ms": (loaded - started) * 1000, "read_ms": (done - loaded) * 1000}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
