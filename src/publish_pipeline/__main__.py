"""``publish-pipeline`` / ``python -m publish_pipeline``: the Invoke tasks as a program of their own."""

from invoke import Collection, Program

from . import __version__, tasks

program = Program(namespace=Collection.from_module(tasks), name="publish-pipeline", binary="publish-pipeline", version=__version__)


def main() -> None:
    program.run()


if __name__ == "__main__":
    main()
