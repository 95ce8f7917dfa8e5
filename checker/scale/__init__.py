"""Scale-out on a Dask distributed cluster: the same batch, checked on many machines.

`--scheduler local:N` starts a `distributed.LocalCluster` of N worker processes on this
machine; `--scheduler tcp://host:8786` connects to a running scheduler, whose workers must
have termcheck installed and see the files at the same absolute paths (a shared or
identically mounted file system). The compiled checkers are broadcast to every worker
once; each task is a chunk of file paths, read on the worker; results come back as they
complete and are put back in input order, so the report is the one a local run writes.

Dask is an optional dependency: `pip install 'termcheck[scale]'`.
"""

from checker.scale.cluster import ClusterRunner

__all__ = ["ClusterRunner"]
