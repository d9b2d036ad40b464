"""Invoke tasks for this site (the demo content of publish_pipeline): `invoke --list`."""

from publish_pipeline.tasks import ns  # noqa: F401  (Invoke looks for `ns`)
