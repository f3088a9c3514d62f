"""The same site from a Dask distributed cluster (a real LocalCluster on 127.0.0.1, two worker
processes) as from one process, and from a local process pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_incremental import assert_same_site, build


def test_a_process_pool_builds_the_same_site(built_site: tuple[Path, Path], tmp_path: Path) -> None:
    site, store = built_site
    build(store, tmp_path / "pool", "--full", "--jobs", "2")
    assert_same_site(tmp_path / "pool", site)


def test_a_dask_cluster_builds_the_same_site(built_site: tuple[Path, Path], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    site, store = built_site
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, protocol="tcp") as cluster:
        output = build(store, tmp_path / "dask", "--full", "--scheduler", cluster.scheduler_address)
        assert "on 2 worker(s)" in output
    assert_same_site(tmp_path / "dask", site)
