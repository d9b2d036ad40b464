"""The suite's own promises: README's test command passes or fails on a person's machine as it did in CI."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, TESTS
from publish_pipeline.plumbing.merge_setup import CI_VARIABLES

PROFILE = "import conftest; from hypothesis import settings; print(settings.get_current_profile_name(), settings.default.derandomize, settings.default.database is None)"


def hypothesis_profile(**variables: str) -> str:
    """The profile the property tests run under as pytest loads ``tests/conftest.py``, outside CI, with ``variables``."""
    environment = {name: value for name, value in os.environ.items() if name not in {*CI_VARIABLES, "HYPOTHESIS_PROFILE"}}
    environment |= {"PYTHONPATH": str(REPO / "src"), **variables}
    done = subprocess.run([sys.executable, "-c", PROFILE], cwd=TESTS, env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_property_tests_draw_the_same_examples_outside_ci_and_explore_when_asked() -> None:
    """Drawn anew on each run outside CI, a property that failed for one seed in two passed CI and failed README's test
    command on a person's machine (b455a10). Every run draws CI's examples; ``explore`` draws new ones and keeps the
    failures in ``.hypothesis/``."""
    assert hypothesis_profile() == "repeatable True True"
    assert hypothesis_profile(HYPOTHESIS_PROFILE="explore") == "explore False False"
