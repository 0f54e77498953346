"""Check that a code change left the analyses alone: snapshot them, then compare two snapshots.

    python scripts/same_analyses.py snapshot OUT_DIR [--src SRC_DIR]   # analyse every set into OUT_DIR
    python scripts/same_analyses.py compare BEFORE_DIR AFTER_DIR        # exit 1 on any difference

The sets are the seeds, the dev set, our held-out sets and the first4 and first5 real articles (texts read
where they live, never copied). ``--src`` picks the code analysed with (default: this checkout's
``src``), so a copy of the code before a change can make the "before" snapshot. A speed-up must
give byte-for-byte the same JSON: ``compare`` prints the first differing path of each file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "seeds": ROOT.parent / "shared" / "seeds",
    "dev": ROOT.parent / "shared" / "eval" / "dev" / "articles",
    "heldout": ROOT / "eval" / "heldout" / "articles",
    "heldout2": ROOT / "eval" / "heldout2" / "articles",
    "heldout3": ROOT / "eval" / "heldout3" / "articles",
    "first4": Path("/work/fresh/first4/articles"),
    "first5": Path("/work/fresh/first5/articles"),
}


def snapshot(out: Path, src: Path) -> None:
    # one hash seed for every snapshot: an output that hangs on the order of a set of strings
    # (a bug of its own) would otherwise differ between two runs of the same code
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    for name, folder in SETS.items():
        texts = sorted(str(path) for path in folder.glob("*.txt"))
        if not texts:
            print(f"{name}: no articles in {folder}; skipped", file=sys.stderr)
            continue
        target = out / name
        command = [sys.executable, "-m", "purportedly.cli", "analyze", *texts, "--format", "json"]
        subprocess.run([*command, "--out", str(target), "--force"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"{name}: {len(texts)} articles -> {target}")


def first_difference(before: object, after: object, path: str = "$") -> str | None:
    """The JSON path of the first place two values differ, or None when they are equal."""
    if type(before) is not type(after):
        return f"{path}: {type(before).__name__} vs {type(after).__name__}"
    if isinstance(before, dict):
        for key in sorted(set(before) | set(after)):
            if key not in before or key not in after:
                return f"{path}.{key}: only on one side"
            found = first_difference(before[key], after[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(before, list):
        if len(before) != len(after):
            return f"{path}: {len(before)} items vs {len(after)}"
        for index, (left, right) in enumerate(zip(before, after, strict=True)):
            found = first_difference(left, right, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if before == after else f"{path}: {before!r} vs {after!r}"


def compare(before: Path, after: Path) -> int:
    left = {path.relative_to(before) for path in before.rglob("*.json")}
    right = {path.relative_to(after) for path in after.rglob("*.json")}
    differences = [f"{name}: only in {before}" for name in sorted(left - right)]
    differences += [f"{name}: only in {after}" for name in sorted(right - left)]
    for name in sorted(left & right):
        old = json.loads((before / name).read_text(encoding="utf-8"))
        new = json.loads((after / name).read_text(encoding="utf-8"))
        found = first_difference(old, new)
        if found:
            differences.append(f"{name}: {found}")
    for line in differences:
        print(line)
    print(f"{len(left & right)} analyses compared, {len(differences)} differ")
    return 1 if differences or not left else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot")
    snap.add_argument("out", type=Path)
    snap.add_argument("--src", type=Path, default=ROOT / "src")
    comp = commands.add_parser("compare")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.src)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
