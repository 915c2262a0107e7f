"""Demo data of the community, part by part (each part's seed.py; `scale` for the benchmarks)."""

from ._parts import part_modules


def seed(*, scale: int = 0, stdout=None):
    for module in part_modules("seed"):
        module.seed(scale=scale, stdout=stdout)
