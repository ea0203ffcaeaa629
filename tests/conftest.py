"""Cheap fixtures shared by every test: settings on a temporary store, the ``shared`` folder, and
small articles written for these tests (fictional places and people) in HTML, text and JSONL form."""

from __future__ import annotations

import html as html_lib
import importlib.util
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from detente.config import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"


@dataclass(frozen=True)
class Story:
    """One test article, written out in any of the formats detente reads."""

    title: str
    paragraphs: tuple[str, ...]
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def text_file(self) -> str:
        headers = [f"{key}: {value}" for key, value in
                   (("Outlet", self.outlet), ("Date", self.published), ("URL", self.url), ("Author", self.author))
                   if value]
        return "\n".join([self.title, *headers, "", self.text, ""])

    def html(self, *, before: str = "", after: str = "") -> str:
        """A news page: metadata in <head>, navigation and footer around an <article>."""
        esc = html_lib.escape
        meta = [f'<meta property="og:title" content="{esc(self.title)}">']
        if self.outlet:
            meta.append(f'<meta property="og:site_name" content="{esc(self.outlet)}">')
        if self.published:
            meta.append(f'<meta property="article:published_time" content="{esc(self.published)}">')
        if self.author:
            meta.append(f'<meta name="author" content="{esc(self.author)}">')
        if self.url:
            meta.append(f'<link rel="canonical" href="{esc(self.url)}">')
        body = "\n".join(f"<p>{esc(p)}</p>" for p in self.paragraphs)
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(self.title)}</title>{''.join(meta)}</head><body>"
            "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>"
            "<li><a href=\"/sport\">Sport</a></li></ul></nav>"
            f"<main><article><h1>{esc(self.title)}</h1>{before}{body}{after}</article></main>"
            "<footer><p>About us</p><p>Terms of use</p></footer></body></html>"
        )

    def record(self, **changes: Any) -> dict[str, Any]:
        row = {"title": self.title, "text": self.text, "outlet": self.outlet, "published": self.published,
               "url": self.url, "authors": self.author, **self.extra}
        row.update(changes)
        return row


STORIES: dict[str, Story] = {
    "corridor": Story(
        title="Grain corridor talks resume between Estmark and Valdora",
        outlet="The Meridian Ledger", published="2025-03-04", url="https://meridian.example/world/grain-corridor",
        author="Ana Koller",
        paragraphs=(
            "Negotiators from Estmark and Valdora met on Tuesday in the lakeside town of Brenn to restart talks on "
            "a grain corridor that collapsed in the spring.",
            "The Estmark delegation, led by deputy foreign minister Ilse Marten, said it wanted a written guarantee "
            "that inspections at the border would take no longer than two days.",
            "Valdoran officials said they were ready to discuss inspection times but would not accept monitors "
            "from a third country.",
        ),
    ),
    "barrier": Story(
        title="Harwick opens flood barrier after a decade of delays",
        outlet="Coastline Daily", published="2025-04-11", url="https://coastline.example/harwick-barrier",
        paragraphs=(
            "The city of Harwick opened the first section of its tidal flood barrier on Friday, eleven years after "
            "the regional council approved the project.",
            "Engineers said the steel gates can be closed in under forty minutes when a storm surge is forecast.",
            "Residents of the lower harbour district, who were evacuated twice last winter, welcomed the opening "
            "but asked when the second section would be finished.",
        ),
    ),
    "rail": Story(
        title="Rail drivers and operator agree a two-year pay deal",
        outlet="The Meridian Ledger", published="2025-05-21", url="https://meridian.example/business/rail-pay",
        paragraphs=(
            "The national rail operator and the drivers' union reached a pay agreement late on Wednesday, ending a "
            "dispute that had cancelled hundreds of trains since January.",
            "Under the deal, drivers receive a raise of four percent this year and three percent next year, with "
            "a cap on the number of weekend shifts any driver can be given.",
        ),
    ),
    "meteor": Story(
        title="Pellan Ridge observatory records its brightest meteor shower",
        outlet="Valley Courier", published="2025-08-13",
        paragraphs=(
            "Astronomers at the Pellan Ridge observatory counted more than two hundred meteors an hour on Sunday "
            "night, the highest rate recorded since the observatory opened.",
            "The director, Tomas Virel, said clear skies and a new moon made the display unusually easy to see "
            "from the valley towns below the ridge.",
        ),
    ),
    "border": Story(
        title="Sarnel crossing reopens to freight after three-week closure",
        outlet="Coastline Daily", published="2025-09-02", url="https://coastline.example/sarnel-reopens",
        paragraphs=(
            "The Sarnel border crossing reopened to lorries on Monday after a three-week closure that left drivers "
            "queueing for days on both sides of the frontier.",
            "Customs officers said they would clear refrigerated loads first, then fuel tankers, then general freight.",
        ),
    ),
    "library": Story(
        title="Old mill becomes the town's new public library",
        outlet="Valley Courier", published="2025-10-30",
        paragraphs=(
            "The disused wool mill on the river at Ostrava Green reopened on Saturday as a public library with "
            "reading rooms on all four floors and a children's room in the old dye house.",
            "Volunteers spent two years cataloguing forty thousand donated books before the doors opened.",
        ),
    ),
}

# A long report and a syndicated copy of it: same body, a republication note on top, one word changed.
ACCORD = Story(
    title="Estmark and Valdora sign grain corridor accord",
    outlet="The Meridian Ledger", published="2025-06-02", url="https://meridian.example/world/grain-accord",
    paragraphs=(
        "Estmark and Valdora signed an accord on Monday that reopens the grain corridor through the Brenn valley, "
        "ending a dispute that had kept thousands of lorries waiting at the border since the spring.",
        "Under the agreement, inspections at the frontier will take no longer than two days, and each side will "
        "post six customs officers at the other's main depot to check paperwork before loads leave.",
        "Deputy foreign minister Ilse Marten, who led the Estmark delegation, called the accord a practical "
        "arrangement rather than a reconciliation, and said trust would be built one shipment at a time.",
        "Valdora's trade minister, Piet Horvan, said his government had dropped its objection to joint inspection "
        "teams after Estmark agreed that no monitors from a third country would be involved.",
        "Farmers' groups on both sides welcomed the deal but warned that storage silos near the border were already "
        "full and that the first weeks of the harvest would test whether the new rules held.",
        "The accord runs for three years and can be extended by a joint commission that will meet twice a year in "
        "Brenn, the lakeside town where the talks took place.",
    ),
)
ACCORD_COPY = Story(
    title="Estmark, Valdora sign grain accord",
    outlet="Harbour Wire", published="2025-06-03", url="https://harbourwire.example/2025/06/grain-accord",
    paragraphs=(
        "This report was first published by The Meridian Ledger and is republished under a content agreement.",
        *ACCORD.paragraphs[:2],
        ACCORD.paragraphs[2].replace("practical", "pragmatic"),
        *ACCORD.paragraphs[3:],
    ),
)


@pytest.fixture
def stories() -> dict[str, Story]:
    return dict(STORIES)


@pytest.fixture
def accord() -> tuple[Story, Story]:
    """An original report and its syndicated copy."""
    return ACCORD, ACCORD_COPY


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings with the store in a temporary folder (no detente.toml, no environment)."""
    return Settings.model_validate({"db": str(tmp_path / "test.duckdb")})


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings with the store in ``tmp_path`` and nested changes: ``make_settings(ingest={"batch_size": 2})``."""

    def build(**sections: Any) -> Settings:
        return Settings.model_validate({"db": str(tmp_path / "test.duckdb"), **sections})

    return build


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under ``tmp_path`` (parents created): ``write("in/a.html", "<html>...")``."""

    def put(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return put


def jsonl(*records: Any) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def to_jsonl() -> Callable[..., str]:
    return jsonl


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` next to the repository (development data); tests using it skip in a fresh clone."""
    if not SHARED.is_dir():
        pytest.skip("needs ../shared (development corpora and gold data), absent here")
    return SHARED.resolve()


@pytest.fixture(scope="session")
def bench_module() -> Callable[[str], ModuleType]:
    """Import ``bench/<name>.py`` (benchmarks are scripts, not a package)."""

    def load(name: str) -> ModuleType:
        module_name = f"detente_bench_{name}"
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, REPO / "bench" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
        return module

    return load
