#!/usr/bin/env python3
"""Rebuild the bundled CJK font subsets in this folder.

Usage::

    python fonts/build.py                    # fetch sources into a temp dir, build, verify
    python fonts/build.py --sources DIR      # use (and cache) sources in DIR
    python fonts/build.py --sources DIR --offline   # never fetch, DIR must hold everything

This script is *not* used at runtime. It documents, and reproduces, how the
``*.ttf`` files next to it were made:

* Sources (all SIL Open Font License 1.1):
  - npm ``@expo-google-fonts/noto-serif-sc`` and ``@expo-google-fonts/noto-sans-sc``
    (static TrueType/``glyf`` instances of Noto Serif SC / Noto Sans SC, as
    served by Google Fonts), fetched with ``npm pack``;
  - Debian ``fonts-lxgw-wenkai`` (LXGW WenKai), fetched with ``apt-get download``;
  - Debian ``unicode-data`` for the Unihan ``kTGH`` field (the 8,105 characters
    of the 通用规范汉字表, 2013).
  ``--sources DIR`` may hold the downloaded ``.tgz`` / ``.deb`` archives, their
  unpacked trees, or the bare ``.ttf`` / ``Unihan*.txt[.bz2]`` / ``Unihan.zip`` files;
  it is searched recursively. Anything missing is fetched into DIR (or a temp dir).
* Character set: GB 2312 (everything Python's ``gb2312`` codec encodes) ∪ kTGH ∪
  Basic Latin + Latin-1 ∪ General Punctuation ∪ CJK Symbols and Punctuation ∪
  Halfwidth and Fullwidth Forms ∪ a few extras (①–⑳, ℃, №, arrows, shapes, …);
  the fallback face ``NotoSansSC-Fallback.ttf``: the GB 18030 hanzi (levels 1 and 2) and the
  GBK two-byte part that this set leaves out.
* fontTools.subset with TrueType outlines kept, hinting dropped, glyph names
  dropped (post format 3), the whole name table kept, and a short list of
  OpenType layout features useful for CJK text (``locl`` is left out: in the SC
  fonts it only pulls in Japanese/Korean/Traditional glyph variants).
* Output is deterministic: fontTools keeps the source ``head.modified`` date
  (``recalc_timestamp`` off), so identical inputs give byte-identical files.

LXGW WenKai carries the Reserved Font Names "LXGW" and "霞鹜" (see OFL.txt);
a subset is a Modified Version under the OFL, so the subset is renamed
("Briefing WenKai") inside its name table. The file name is kept.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

PACKAGES = {
    "noto-serif-sc": {
        "kind": "npm",
        "name": "@expo-google-fonts/noto-serif-sc",
        "version": "0.4.3",
        "archive": "expo-google-fonts-noto-serif-sc-0.4.3.tgz",
    },
    "noto-sans-sc": {
        "kind": "npm",
        "name": "@expo-google-fonts/noto-sans-sc",
        "version": "0.4.3",
        "archive": "expo-google-fonts-noto-sans-sc-0.4.3.tgz",
    },
    "lxgw-wenkai": {
        "kind": "deb",
        "name": "fonts-lxgw-wenkai",
        "version": "1.250+repack-1",
        "archive": "fonts-lxgw-wenkai_1.250+repack-1_all.deb",
    },
    "unicode-data": {
        "kind": "deb",
        "name": "unicode-data",
        "version": "15.0.0-1",
        "archive": "unicode-data_15.0.0-1_all.deb",
    },
}

RENAME_WENKAI = {
    "family": "Briefing WenKai",
    "postscript": "BriefingWenKai",
}

# out: file written here; src: file name inside the package; sha256 of the
# source file the committed outputs were built from (a mismatch is a warning).
FONTS = [
    {
        "out": "NotoSerifSC-Regular.ttf",
        "package": "noto-serif-sc",
        "src": "NotoSerifSC_400Regular.ttf",
        "sha256": "c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742",
        "role": "宋体 role: body text",
    },
    {
        "out": "NotoSerifSC-Bold.ttf",
        "package": "noto-serif-sc",
        "src": "NotoSerifSC_700Bold.ttf",
        "sha256": "9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6",
        "role": "宋体 bold: titles, bold body text",
    },
    {
        "out": "NotoSerifSC-Black.ttf",
        "package": "noto-serif-sc",
        "src": "NotoSerifSC_900Black.ttf",
        "sha256": "092e71a70c744be3cc33999eb4edcb10fbe95c1b4cff6c2d7f04d6ff15d031e2",
        "role": "宋体 black: display titles (optional)",
        "max_bytes": 5 * 1000 * 1000,  # skipped if the subset is larger
    },
    {
        "out": "NotoSansSC-Regular.ttf",
        "package": "noto-sans-sc",
        "src": "NotoSansSC_400Regular.ttf",
        "sha256": "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
        "role": "sans regular: tables, labels",
    },
    {
        "out": "NotoSansSC-Bold.ttf",
        "package": "noto-sans-sc",
        "src": "NotoSansSC_700Bold.ttf",
        "sha256": "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
        "role": "黑体 role: headings",
    },
    {
        "out": "LXGWWenKai-Regular.ttf",
        "package": "lxgw-wenkai",
        "src": "LXGWWenKai-Regular.ttf",
        "sha256": "bbf534b0ca093928f94d1782855e65a19a32cde82b075d495d072025521953c8",
        "role": "楷体 role",
        "rename": RENAME_WENKAI,
    },
    {
        # The last face of every role: the GB 18030 hanzi (level 1 and 2) that the faces above
        # lack, e.g. 濛 (U+6FDB), which is in GBK but in neither GB 2312 nor the kTGH list.
        "out": "NotoSansSC-Fallback.ttf",
        "package": "noto-sans-sc",
        "src": "NotoSansSC_400Regular.ttf",
        "sha256": "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
        "role": "fallback: GB 18030 hanzi the others lack",
        "charset": "fallback",
    },
]

# --------------------------------------------------------------------------
# Character set
# --------------------------------------------------------------------------

EXTRAS = (
    list(range(0x2460, 0x2474))  # ①–⑳
    + [ord(c) for c in "℃№×÷±≤≥~‰•·—…"]
    + [0x2191, 0x2193]  # ↑ ↓
    + [0x25B2, 0x25BC]  # ▲ ▼
    + [ord(c) for c in "■□●○◆◇★"]
)

BLOCKS = [
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

LAYOUT_FEATURES = [
    "ccmp", "liga", "mark", "mkmk", "kern",  # basic shaping, Latin kerning
    "vert", "vrt2",  # vertical punctuation forms
    "halt", "vhal", "palt", "vpal", "chws", "vchw",  # punctuation spacing/compression
]


def gb2312_set() -> set[int]:
    out = set()
    for cp in range(0x20, 0x10000):  # C0 controls are not glyphs
        if cp == 0x7F or 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.add(cp)
    return out


def parse_ktgh(lines) -> set[int]:
    out = set()
    for line in lines:
        if "\tkTGH\t" in line and line.startswith("U+"):
            out.add(int(line.split("\t", 1)[0][2:], 16))
    return out


def load_ktgh(path: Path) -> set[int]:
    name = path.name
    if name.endswith(".zip"):
        chars = set()
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if member.endswith(".txt"):
                    with z.open(member) as fh:
                        chars |= parse_ktgh(io.TextIOWrapper(fh, encoding="utf-8"))
        return chars
    opener = bz2.open if name.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return parse_ktgh(fh)


def target_unicodes(ktgh: set[int]) -> set[int]:
    chars = set(ktgh) | gb2312_set() | set(EXTRAS)
    for lo, hi in BLOCKS:
        chars.update(range(lo, hi + 1))
    return chars


def gb18030_hanzi(ktgh: set[int]) -> set[int]:
    """GB 18030-2022 implementation levels 1 and 2, as far as hanzi go: the CJK Unified
    Ideographs and their Extension A (U+3400–4DBF, U+4E00–9FFF), the ideographs of the two-byte
    part (GBK: CJK compatibility ideographs, 〇), and the kTGH characters of Extensions B–F."""
    out = set(range(0x3400, 0x4DC0)) | set(range(0x4E00, 0xA000)) | set(ktgh)
    for cp in range(0x2E80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if len(chr(cp).encode("gb18030")) == 2 and (0x2E80 <= cp < 0x3000 or 0xF900 <= cp < 0xFB00 or cp == 0x3007):
            out.add(cp)
    return out


def fallback_unicodes(ktgh: set[int]) -> set[int]:
    """The fallback face's set: the GB 18030 hanzi and the whole GBK two-byte part that the
    main set leaves out (a source font simply lacks some of the newest code points)."""
    gbk = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            if len(chr(cp).encode("gb18030")) == 2:
                gbk.add(cp)
        except UnicodeEncodeError:
            continue
    return (gb18030_hanzi(ktgh) | gbk) - target_unicodes(ktgh)


# --------------------------------------------------------------------------
# Fetching / locating sources
# --------------------------------------------------------------------------


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, cwd):
    log("  $", " ".join(cmd))
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch(pkg: dict, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    if pkg["kind"] == "npm":
        run(["npm", "pack", "--silent", f"{pkg['name']}@{pkg['version']}"], dest)
    else:
        # Pinned version first; fall back to whatever the archive now serves.
        for spec in (f"{pkg['name']}={pkg['version']}", pkg["name"]):
            for attempt in range(30):  # another apt may hold the lock
                r = subprocess.run(["apt-get", "download", spec], cwd=dest,
                                   capture_output=True, text=True)
                if r.returncode == 0:
                    return
                if "lock" in r.stderr.lower():
                    time.sleep(5)
                    continue
                break
            log(f"  apt-get download {spec} failed: {r.stderr.strip()[-300:]}")
        raise SystemExit(f"could not download {pkg['name']} "
                         "(run 'apt-get update' first if apt lists are missing)")


def unpack_archives(src: Path, work: Path) -> None:
    """Unpack every .tgz/.deb below src into work/<archive-name>/."""
    for path in sorted(src.rglob("*")):
        if not path.is_file():
            continue
        target = work / path.name
        if target.exists():
            continue
        if path.name.endswith(".tgz") or path.name.endswith(".tar.gz"):
            target.mkdir(parents=True)
            with tarfile.open(path) as tf:
                kw = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
                tf.extractall(target, **kw)
        elif path.name.endswith(".deb"):
            target.mkdir(parents=True)
            subprocess.run(["dpkg-deb", "-x", str(path), str(target)], check=True)


def find(roots: list[Path], names: list[str]) -> Path | None:
    for root in roots:
        if not root.exists():
            continue
        for name in names:
            hits = sorted(root.rglob(name))
            if hits:
                return hits[0]
    return None


UNIHAN_NAMES = ["Unihan_OtherMappings.txt", "Unihan_OtherMappings.txt.bz2", "Unihan.zip"]


def locate_sources(sources: Path | None, offline: bool):
    tmp = Path(tempfile.mkdtemp(prefix="briefing-fonts-"))
    download = sources if sources is not None else tmp / "download"
    work = tmp / "unpacked"
    work.mkdir()
    roots = [download, work]

    def refresh():
        if download.exists():
            unpack_archives(download, work)

    refresh()
    found = {}
    for spec in FONTS:
        path = find(roots, [spec["src"]])
        if path is None:
            if offline:
                raise SystemExit(f"{spec['src']} not found under {sources} (offline)")
            log(f"fetching {PACKAGES[spec['package']]['name']} …")
            fetch(PACKAGES[spec["package"]], download)
            refresh()
            path = find(roots, [spec["src"]])
            if path is None:
                raise SystemExit(f"{spec['src']} not in package {spec['package']}")
        found[spec["out"]] = path

    unihan = find(roots, UNIHAN_NAMES)
    if unihan is None:
        system = find([Path("/usr/share/unicode")], UNIHAN_NAMES)
        if system is not None:
            unihan = system
        elif offline:
            raise SystemExit("Unihan data not found (offline)")
        else:
            log("fetching unicode-data …")
            fetch(PACKAGES["unicode-data"], download)
            refresh()
            unihan = find(roots, UNIHAN_NAMES)
            if unihan is None:
                raise SystemExit("Unihan data not found in unicode-data")
    return found, unihan, tmp


# --------------------------------------------------------------------------
# Subsetting
# --------------------------------------------------------------------------


def subset_options() -> subset.Options:
    o = subset.Options()
    o.hinting = False  # == --no-hinting: drops fpgm/prep/cvt and glyph programs
    o.notdef_outline = True  # missing characters show as a box
    o.glyph_names = False  # post format 3
    o.name_IDs = ["*"]  # keep the whole name table (licence, URLs, names)
    o.name_languages = ["*"]
    o.name_legacy = True
    o.layout_features = list(LAYOUT_FEATURES)
    o.recalc_timestamp = False  # deterministic output
    o.recalc_bounds = True
    o.prune_unicode_ranges = True
    return o


def rename(font: TTFont, names: dict) -> None:
    name = font["name"]
    style = str(name.getName(2, 3, 1, 0x409) or "Regular")
    version = str(name.getName(5, 3, 1, 0x409) or "").split(";")[0]
    family = names["family"]
    ps = f"{names['postscript']}-{style.replace(' ', '')}"
    values = {
        1: family,
        3: f"{family}:{version.replace('Version ', '')}:subset",
        4: family if style == "Regular" else f"{family} {style}",
        6: ps,
    }
    for rec in list(name.names):
        if rec.nameID in (16, 17, 18, 21, 22):
            name.removeNames(nameID=rec.nameID)
    for rec in name.names:
        if rec.nameID in values:
            rec.string = values[rec.nameID]


def build_one(src: Path, out: Path, unicodes: set[int], spec: dict) -> dict:
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    if digest != spec["sha256"]:
        log(f"  WARNING: {src.name} sha256 {digest[:16]}… differs from the pinned "
            f"{spec['sha256'][:16]}… (different upstream build)")
    options = subset_options()
    font = subset.load_font(str(src), options, dontLoadGlyphNames=True)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    if "rename" in spec:
        rename(font, spec["rename"])
    tmp = out.with_suffix(".tmp")
    subset.save_font(font, str(tmp), options)
    size = tmp.stat().st_size
    if spec.get("max_bytes") and size > spec["max_bytes"]:
        tmp.unlink()
        log(f"  skipped {out.name}: {size:,} bytes > {spec['max_bytes']:,}")
        return {}
    os.replace(tmp, out)
    return {"src_sha256": digest}


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------

SAMPLE = "中文测试，“引号”。236.7亿元"


def verify(path: Path, ktgh: set[int], gb: set[int], extras: set[int]) -> dict:
    font = TTFont(str(path), lazy=True)
    cmap = font.getBestCmap()
    info = {
        "bytes": path.stat().st_size,
        "glyphs": font["maxp"].numGlyphs,
        "outlines": "glyf" if "glyf" in font else "CFF",
        "family": str(font["name"].getDebugName(1)),
        "missing_ktgh": sorted(c for c in ktgh if c not in cmap),
        "missing_gb2312": sorted(c for c in gb if c not in cmap),
        "missing_extras": sorted(c for c in extras if c not in cmap),
    }
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
        from reportlab.pdfgen import canvas
    except ImportError:
        info["reportlab"] = "not installed, skipped"
        return info
    alias = "Check-" + path.stem
    pdfmetrics.registerFont(RLTTFont(alias, str(path)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont(alias, 14)
    c.drawString(72, 720, SAMPLE)
    c.showPage()
    c.save()
    info["reportlab"] = f"ok ({len(buf.getvalue()):,} byte PDF)"
    return info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path,
                    help="folder holding (or to cache) the downloaded sources")
    ap.add_argument("--offline", action="store_true",
                    help="never fetch; fail if --sources lacks something")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: fonts/)")
    ap.add_argument("--only", nargs="*", help="build only these output file names")
    ap.add_argument("--no-verify", action="store_true")
    args = ap.parse_args(argv)

    if args.sources is not None:
        args.sources = args.sources.resolve()
    found, unihan_path, tmp = locate_sources(args.sources, args.offline)
    try:
        ktgh = load_ktgh(unihan_path)
        log(f"kTGH: {len(ktgh)} characters from {unihan_path}")
        unicodes = target_unicodes(ktgh)
        fallback = fallback_unicodes(ktgh)
        gb = gb2312_set()
        log(f"target: {len(unicodes)} code points "
            f"(GB 2312 {len(gb)}, kTGH {len(ktgh)})")
        args.out.mkdir(parents=True, exist_ok=True)
        rows = []
        for spec in FONTS:
            if args.only and spec["out"] not in args.only:
                continue
            out = args.out / spec["out"]
            log(f"building {spec['out']} from {found[spec['out']]}")
            t = time.time()
            wanted = fallback if spec.get("charset") == "fallback" else unicodes
            res = build_one(found[spec["out"]], out, wanted, spec)
            log(f"  {time.time() - t:.1f} s")
            if not res:
                continue
            if not args.no_verify and spec.get("charset") == "fallback":
                log(f"  maps {len(TTFont(str(out), lazy=True).getBestCmap()):,} of {len(fallback):,} requested")
            elif not args.no_verify:
                info = verify(out, ktgh, gb, set(EXTRAS))
                rows.append((spec, info))
        ok = True
        if rows:
            print("| file | role | bytes | glyphs | missing kTGH | missing GB 2312 | missing extras | ReportLab |")
            print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
            for spec, i in rows:
                print(f"| {spec['out']} | {spec['role']} | {i['bytes']:,} | {i['glyphs']:,} "
                      f"| {len(i['missing_ktgh'])} | {len(i['missing_gb2312'])} "
                      f"| {len(i['missing_extras'])} | {i['reportlab']} |")
                for key in ("missing_ktgh", "missing_gb2312", "missing_extras"):
                    if i[key]:
                        ok = False
                        sample = " ".join(f"U+{c:04X}" for c in i[key][:20])
                        log(f"  {spec['out']}: {key}: {sample}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
