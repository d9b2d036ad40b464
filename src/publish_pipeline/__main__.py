"""``publish-pipeline`` / ``python -m publish_pipeline``: the Invoke tasks as a program of their own."""

import sys


def main() -> None:
    from .freshness import answer

    if answer(sys.argv[1:]):
        return  # a no-op extract, answered before Invoke and the parsers are loaded
    from invoke import Collection, Program

    from . import __version__, tasks

    Program(namespace=Collection.from_module(tasks), name="publish-pipeline", binary="publish-pipeline", version=__version__).run()


if __name__ == "__main__":
    main()
