"""The public API (bot/__init__.py) used exactly as the README shows it, in fresh interpreters."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_snippet() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("```python\nfrom bot import extract")
    return text[start + len("```python\n"): text.index("```", start + 3)]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("before", [
    "",                                           # the README as it stands
    "import bot.extraction\n",                       # the subpackage imported first
    "from bot.extraction import warm_up\n",
    "import bot.pipeline.process\n",              # the daemon's path imports the subpackage
], ids=["plain", "import-subpackage", "from-subpackage", "via-pipeline"])
def test_readme_public_api_works_in_a_fresh_interpreter(before):
    done = _run(before + _readme_snippet() + "\nimport bot\nassert bot.extract is extract\nprint('ok')\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_subpackage_stays_reachable_by_from_import():
    done = _run("from bot import extract\nfrom bot.extraction import extract as inner, warm_up\n"
                "import sys\nassert sys.modules['bot.extraction'].extract is inner\n"
                "assert extract is not inner and callable(warm_up)\nprint('ok')\n")
    assert done.returncode == 0, done.stderr


def test_every_import_form_reaches_the_subpackage():
    """The subpackage has its own name, so no import form finds the public function instead."""
    done = _run("import bot.extraction as E\nimport bot.extraction._places as P\nimport bot\n"
                "assert E.warm_up and P.gazetteer and bot.extract is not E.extract\nprint('ok')\n")
    assert done.returncode == 0, done.stderr


def test_import_bot_does_not_load_extraction():
    """``import bot`` (every CLI command) stays cheap: the extraction tables load on first use."""
    done = _run("import sys, bot\nassert 'bot.extraction' not in sys.modules\n"
                "bot.extract('Gunmen kill 3', 'Gunmen killed three people.')\n"
                "assert 'bot.extraction' in sys.modules\nprint('ok')\n")
    assert done.returncode == 0, done.stderr


def test_errors_form_one_tree_and_keep_their_homes():
    from bot import InputError, NewsbotError
    from bot.errors import BlockedURLError as B, CorpusError as C, FeedsError as F
    from bot.feeds.admin import FeedsError
    from bot.feeds.corpus import CorpusError
    from bot.feeds.netguard import BlockedURLError

    assert (FeedsError, CorpusError, BlockedURLError) == (F, C, B)
    for cls in (FeedsError, CorpusError, BlockedURLError):
        assert issubclass(cls, InputError) and issubclass(cls, NewsbotError)
    err = BlockedURLError("http://10.0.0.1/", "10.0.0.1 is a private address")
    assert (err.url, err.reason) == ("http://10.0.0.1/", "10.0.0.1 is a private address")
    import bot
    assert not hasattr(bot, "DeliveryError") and not hasattr(bot.errors, "DeliveryError")


def test_the_version_comes_from_the_package_metadata():
    import subprocess
    from importlib import metadata
    out = subprocess.run(["newsbot", "--version"], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == f"newsbot, version {metadata.version('newsbot')}"
