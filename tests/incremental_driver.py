"""A preview's builder in a process of its own, for tests/test_incremental.py: started in
a copy of the website (whose scripts/ it imports, interface text included), it builds the
preview as `scripts/build.py --serve` does at every line `build` on its input, and at every
line `full` builds it again from nothing. It answers each with one line of JSON: the built
folder, how many pages it kept from the build before, and why a build failed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT / "scripts"))

from kazdual.preview import builder as preview_builder  # noqa: E402
from kazdual.site.build import PROCESS  # noqa: E402


def main() -> None:
    preview_builder.QUIET_BEFORE_INDEX = 10.0**9  # the search index is not compared: never made here
    builder = preview_builder.Builder(ROOT, None, "http://127.0.0.1:8000/")
    for line in sys.stdin:
        if line.strip() == "full":
            PROCESS.reuse.forget()
        builder.build()
        state = builder.state
        print(
            json.dumps(
                {
                    "site": str(state.site_dir),
                    "kept": PROCESS.reuse.kept,
                    "seconds": state.seconds,
                    "problems": state.problems,
                }
            )
        )
        sys.stdout.flush()
    builder.close()


if __name__ == "__main__":
    main()
