"""Community of practice (the L.A.N.D. seed): business matching events, the showcase of good
practices, the digital-maturity self-assessment and the toolbox of resources.

One app (one place in the menu, one set of migrations, one layer above member matching and
training, whose profiles, courses and calls it uses), in four sub-packages, one per feature:
`events/`, `practices/`, `maturity/` and `toolbox/`. Each holds its own models, services,
selectors, views, forms, admin, tasks and seed; they do not import each other (import-linter
checks it). The modules at this level only gather what the parts offer for the discovery hooks
(`board_figures`, `dashboard`, `calendar`, `seed`, `hooks`, `call_links`, `group_links`,
`course_links`), see `_parts.py`.
"""
