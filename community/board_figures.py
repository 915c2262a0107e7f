"""The community's figures for the board and the periodic report (contract in
coopportal.core.figures): those of each part, gathered."""

from ._parts import gather


def active_people(since, until) -> list:
    return gather("board_figures", "active_people", since, until)


def figures(period) -> list:
    return gather("board_figures", "figures", period)
