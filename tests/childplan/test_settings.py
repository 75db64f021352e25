"""Production refuses to start without a secret key; development needs none."""

import os
import subprocess
import sys

from django.conf import settings


def start(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR,
                          env={**clean, **env}, capture_output=True, text=True, timeout=60)


def test_the_web_server_will_not_start_without_a_secret_key():
    result = start("import childplan.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_it_starts_with_a_secret_key_or_in_debug():
    assert start("import childplan.wsgi", SECRET_KEY="s3cret-for-the-test").returncode == 0
    assert start("import childplan.wsgi", DEBUG="1").returncode == 0
