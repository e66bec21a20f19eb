"""Checks a repaired wheel (``make wheel``) before it is installed anywhere: a manylinux tag,
ICU inside it rather than needed from the system, the license, and a size under 20 MB.

    .venv/bin/python scripts/check_wheel.py dist/warta-*.whl
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024


def main(path: str) -> None:
    wheel = Path(path)
    problems = []
    if "manylinux" not in wheel.name:
        problems.append(f"{wheel.name}: no manylinux tag (auditwheel repair did not run?)")
    size = wheel.stat().st_size
    if size >= MAX_BYTES:
        problems.append(f"{wheel.name}: {size / 2**20:.1f} MB, over {MAX_BYTES / 2**20:.0f} MB")
    names = zipfile.ZipFile(wheel).namelist()
    if not any(n.endswith("LICENSE") for n in names):
        problems.append("no LICENSE in the wheel")
    bundled = [n for n in names if ".libs/" in n]
    if not any("libicuuc" in n for n in bundled):
        problems.append(f"ICU is not inside the wheel (bundled: {bundled})")
    show = subprocess.run(
        [str(Path(sys.executable).parent / "auditwheel"), "show", str(wheel)], capture_output=True, text=True
    )
    text = " ".join(show.stdout.split())
    if show.returncode != 0 or "is consistent with the following platform tag" not in text:
        problems.append(f"auditwheel show: {show.stdout}{show.stderr}")
    if problems:
        raise SystemExit("\n".join(problems))
    print(f"{wheel.name}: {size / 2**20:.1f} MB, bundled {', '.join(Path(n).name for n in bundled)}")


if __name__ == "__main__":
    main(sys.argv[1])
