"""Every citation in the book resolves: each {cite} key is defined in references.bib."""

import re

from _site import ROOT, toc_files

KEY = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text()
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.MULTILINE))


def cited_keys() -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for rel in toc_files(ROOT):
        for suffix in (".md", ".ipynb"):
            path = ROOT / f"{rel}{suffix}"
            if path.exists():
                for group in KEY.findall(path.read_text()):
                    for key in group.split(","):
                        cited.setdefault(key.strip(), set()).add(path.name)
    return cited


def test_bibliography_parses_and_has_unique_keys():
    text = (ROOT / "references.bib").read_text()
    keys = re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.MULTILINE)
    assert keys and len(keys) == len(set(keys))


def test_every_cited_key_is_in_references_bib():
    missing = {k: sorted(v) for k, v in cited_keys().items() if k not in bib_keys()}
    assert missing == {}


def test_the_chapters_cite_something():
    assert cited_keys(), "no {cite} role found in any page of the book"


def test_bibliography_is_valid_bibtex():
    # pybtex (what sphinxcontrib-bibtex parses with) reads every entry; an unclosed brace
    # would swallow the next entry or fail the whole book build
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    text = (ROOT / "references.bib").read_text()
    assert len(entries) == len(re.findall(r"^@\w+\{", text, flags=re.MULTILINE))
