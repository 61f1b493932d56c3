"""The HTML report: self-contained, escaped, and loaded in a real headless Chromium.

Chromium comes from Debian's `chromium` package (.ci/run installs it). Where it is missing the
browser tests are skipped with that message; the static checks always run. Screenshots go to
tests/out/ (not committed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from funnelplan.core.commitments import build_target
from funnelplan.formats.html import render_html
from funnelplan.load.planfile import load_plan
from funnelplan.views.display import style_for
from funnelplan.views.presentation import Language, presentation_for
from funnelplan.views.target import target_document
from runner import run_cli

ROOT = Path(__file__).parent.parent
OUT = Path(__file__).parent / "out"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it",
)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def target_html(plan_name: str, language: Language) -> str:
    plan = load_plan(ROOT / "plans" / plan_name)
    report = build_target(plan)
    shown = presentation_for(plan, language, None)
    style = style_for(report, shown.money_unit, shown.count_unit)
    return render_html(target_document(report, shown.words, style), style, language.value)


@pytest.mark.parametrize("language", [Language.en, Language.ja])
def test_html_is_self_contained(language: Language) -> None:
    page = target_html("example.yaml", language)
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{language.value}">' in page
    assert "<script" not in page  # readable with JavaScript off
    external = re.findall(r'(?:src|href)\s*=\s*"([^"]+)"', page)
    assert external == []  # nothing to fetch: opens offline and as a mail attachment
    assert page.count("<svg") == 1  # the funnel chart
    assert "@page { size: A4" in page


def test_html_escapes_user_text(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        (ROOT / "plans" / "example-en.yaml")
        .read_text(encoding="utf-8")
        .replace("label: Inquiries", 'label: "<script>alert(1)</script> & Co"'),
        encoding="utf-8",
    )
    loaded = load_plan(plan)
    report = build_target(loaded)
    style = style_for(report)
    page = render_html(
        target_document(report, presentation_for(loaded, Language.en, None).words, style), style
    )
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def _chromium(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = page.parent / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def gap_html(language: Language) -> str:
    """`funnelplan gap plans/example.yaml` as HTML, through the real command line."""
    done = run_cli("gap", "plans/example.yaml", "--format", "html", "--lang", language.value)
    assert done.code == 0, done.stderr
    return done.stdout


def test_gap_html_has_its_charts() -> None:
    page = gap_html(Language.ja)
    assert page.count("<svg") == 2  # monthly revenue (actual against plan) and the drivers
    assert "月別の売上：実績と計画" in page and "売上を計画から動かした要因" in page
    assert "<script" not in page


@needs_chromium
@pytest.mark.parametrize(
    ("report", "language"),
    [("target", Language.en), ("target", Language.ja), ("gap", Language.en), ("gap", Language.ja)],
)
def test_html_loads_in_chromium_with_charts(
    report: str, language: Language, tmp_path: Path
) -> None:
    page = tmp_path / f"{report}-{language.value}.html"
    html = target_html("example.yaml", language) if report == "target" else gap_html(language)
    page.write_text(html, encoding="utf-8")
    dom = _chromium(page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<svg" in dom.stdout and "<rect" in dom.stdout  # the charts are in the loaded page
    assert "<table>" in dom.stdout
    errors = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert errors == []
    OUT.mkdir(exist_ok=True)
    shot = OUT / f"{report}-{language.value}.png"
    shot.unlink(missing_ok=True)
    done = _chromium(page, f"--screenshot={shot}", "--window-size=1000,1600", "--hide-scrollbars")
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a drawn page, not a blank one


# Measures every table cell in the loaded page: a cell whose text makes more than one line box has
# wrapped (Range.getClientRects gives one rectangle per line); a table wider than the page (or its
# scrolling box) does not fit. The result is written into the page, which --dump-dom then prints.
MEASURE_SCRIPT = """<script>
addEventListener('load', () => {
  const found = {wrapped: [], wide: [], cells: 0, width: innerWidth};
  for (const cell of document.querySelectorAll('td, th')) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].map(box => Math.round(box.top)));
    found.cells += 1;
    if (lines.size > 1) found.wrapped.push(cell.textContent);
  }
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement;
    if (table.getBoundingClientRect().right > innerWidth + 0.5 || box.scrollWidth > box.clientWidth)
      found.wide.push(table.rows[0].textContent);
  }
  const out = document.createElement('pre');
  out.id = 'measured';
  out.textContent = JSON.stringify(found);
  document.body.append(out);
});
</script>"""
A4_PRINTABLE_PX = 688  # 210 mm less the 14 mm margins each side = 182 mm = 687.9 CSS px


def report_html(report: str, input_name: str, language: Language) -> str:
    done = run_cli(report, f"plans/{input_name}", "--format", "html", "--lang", language.value)
    assert done.code == 0, done.stderr
    return done.stdout


def measured(html: str, width: int, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    """The page laid out `width` CSS px wide; `print` rules applied when it is A4's width."""
    import json
    from html import unescape

    if width == A4_PRINTABLE_PX:  # the print layout, measurable: its rules on the screen
        html = html.replace("@media print", "@media all")
    page = tmp_path / f"measure-{width}.html"
    page.write_text(html.replace("</body>", MEASURE_SCRIPT + "</body>"), encoding="utf-8")
    done = _chromium(
        page, f"--window-size={width},2000", "--virtual-time-budget=3000", "--dump-dom"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found, done.stdout[-2000:]
    return json.loads(unescape(found.group(1)))


@needs_chromium
@pytest.mark.parametrize("width", [1200, A4_PRINTABLE_PX])
@pytest.mark.parametrize(
    ("report", "input_name", "language"),
    [
        *(
            (report, plan_name, language)
            for report in ("target", "gap")
            for plan_name in ("example.yaml", "example-en.yaml")
            for language in (Language.en, Language.ja)
        ),
        *(("actuals", "example-crm.yaml", language) for language in (Language.en, Language.ja)),
        *(("assess", "example-assessment.csv", lang) for lang in (Language.en, Language.ja)),
    ],
)
def test_no_cell_wraps_at_1200px_or_on_a4(
    report: str, input_name: str, language: Language, width: int, tmp_path: Path
) -> None:
    found = measured(report_html(report, input_name, language), width, tmp_path)
    assert found["width"] == width
    assert found["cells"] > 40  # the tables were laid out
    assert found["wrapped"] == [], f"cells on two lines at {width}px: {found['wrapped']}"
    assert found["wide"] == [], f"tables wider than {width}px: {found['wide']}"


def test_status_cells_have_a_colour_class_and_a_mark() -> None:
    page = report_html("gap", "example-en.yaml", Language.en)
    assert '<td class="text status at_risk">▲ at risk</td>' in page
    assert '<td class="text status on_track">● on track</td>' in page
    assert "td.at_risk { color:" in page
    assert "white-space: nowrap" in page
