"""API conformance under generated requests: schemathesis drives every operation of /api/v1 with valid and
invalid data (a fixed seed, so a run repeats) through the WSGI application, on a fresh site with the demo
corpus, and counts server errors (5xx) and statuses the OpenAPI schema does not document for that
operation. Both should be 0. Run from the repository root:

    .venv/bin/python bench/api_conformance.py [--examples 300]
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._site import prepare_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per operation and mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-api-") as folder:
        print("preparing a site with the demo corpus…", file=sys.stderr)
        site = prepare_site(
            Path(folder),
            settings_environment={
                "AIPLUS_API_RATE_PER_USER": "1000000/min",
                "AIPLUS_API_RATE_PER_ADDRESS": "1000000/min",
            },
        )
        from tests.support.api_conformance import explore_api

        from aiplus.wsgi import application

        print(f"exploring the API, {args.examples} examples per operation and mode…", file=sys.stderr)
        started = time.monotonic()
        report = explore_api(application, token=site.token, max_examples=args.examples)
        seconds = time.monotonic() - started
    print(f"cases: {report.cases} in {seconds:.0f} s")
    print(f"statuses: {json.dumps(dict(sorted(report.statuses.items())))}")
    print(f"server errors: {len(report.server_errors)}")
    print(f"undocumented statuses: {len(report.undocumented)}")
    for line in sorted(set(report.server_errors + report.undocumented))[:40]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
