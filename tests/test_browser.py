"""The executed notebooks, exported to HTML and opened in a real browser (headless Chromium,
Debian's package; CI installs it with scripts/install_system_deps.sh --browser): the
highlighted mentions, the cluster view and the shared passages reach the page a user sees.
Skipped, with the reason, where Chromium or nbconvert is absent."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def rendered_dom(name: str, tmp_path: Path) -> str:
    """The notebook executed, exported to HTML, and the DOM Chromium built from it."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nbconvert = pytest.importorskip("nbconvert")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (scripts/install_system_deps.sh --browser installs it)")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    body, _ = nbconvert.HTMLExporter().from_notebook_node(nb)
    page = tmp_path / f"{name}.html"
    page.write_text(body, encoding="utf-8")
    # The browser is not ours to sanitize: `make test-sanitize` preloads ASan into every child
    # process, and Chromium hangs under it.
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS")}
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    return out.stdout


def test_linked_mentions_are_highlighted_in_the_browser(tmp_path):
    dom = rendered_dom("02_link_officials", tmp_path)
    assert 'class="warta-mentions"' in dom
    persons = re.findall(r'<mark style="background:#fde68a" title="person: (person-[^"|]+)', dom)
    assert persons, "no highlighted person in the rendered page"
    places = re.findall(r'<mark style="background:#fbcfe8" title="place: ', dom)
    assert places
    assert "<img" in dom  # the plot of officials by story


def test_clusters_and_shared_passages_show_in_the_browser(tmp_path):
    dom = rendered_dom("01_dedup_scraped_batch", tmp_path)
    assert 'class="warta-dedup"' in dom and re.search(r"cluster \d+: \d+ texts", dom)
    assert 'class="warta-explanation"' in dom
    assert len(re.findall(r'title="shared passage 1"', dom)) == 2  # highlighted in both texts
    assert dom.count("<img") >= 1  # the similarity histogram and S-curve
