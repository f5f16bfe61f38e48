"""Command line for maintainers: `python -m rcmkb check` validates the data; `python -m rcmkb
anchors` adds the anchors of new content to data/published-anchors.txt; `python -m rcmkb new KIND
ID` starts a new piece of content from a template with FILL-IN placeholders; `python -m rcmkb
release [--tag data-YYYY.MM.DD]` checks the data, then writes the changelog and tags a data release."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import anchors, release, scaffold, site
from .errors import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rcmkb", description=__doc__)
    parser.add_argument("command", choices=["check", "anchors", "new", "release"])
    parser.add_argument("kind", nargs="?", default="", help="for new: " + ", ".join(scaffold.KINDS))
    parser.add_argument("id", nargs="?", default="", help="for new: the id, e.g. xxii or 2018")
    parser.add_argument("--tag", help="release: the tag to make (default: data-YYYY.MM.DD of today, UTC)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            for line in scaffold.new(args.root, args.kind, args.id):
                print(line)
            print(f"Replace every {scaffold.MARK} in it, then run `make check`: the build refuses the "
                  "file until then.")
        elif args.command == "anchors":
            # Check everything except the manifest itself, which this command extends.
            _, index = site.load(args.root, skip_manifest=True)
            added = anchors.update(args.root, index.anchors())
            print(f"{len(added)} new anchor(s) added to {anchors.MANIFEST}")
            for a in added:
                print("  " + a)
        elif args.command == "release":
            site.load(args.root)   # never release data that would not build
            made = release.release(args.root, args.tag)
            print(f"Released {made.tag}: {release.CHANGELOG} and {release.CITATION} committed and tagged.")
            print(f"Publish it with: git push origin {made.tag}")
        else:
            site.build(args.root)
            print("The data is valid.")
    except scaffold.ScaffoldError as error:
        print(f"make new: {error}", file=sys.stderr)
        return 2
    except DataError as error:
        # Neither command builds the site, so the report says what was checked, not what was kept.
        print(error.report("The data was checked; nothing was built. "), file=sys.stderr)
        return 1
    except release.ReleaseError as error:
        print(f"No release was made: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
