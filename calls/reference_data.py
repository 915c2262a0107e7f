"""Reference data of the calls app (loaded by a data migration).

``BENEFICIARIES``: who a funding call is for, as the national incentives catalogue and the EU
portal describe them, grouped for a cooperative's members. Rows are
``(code, name_it, name_en, for_members)``; ``for_members`` marks the aid for the members themselves
(people and freelancers, the #smartCoop case) rather than for the cooperative.
``BENEFICIARY_NAMES_DE_FR``: their German and French names.
"""

BENEFICIARIES = (
    ("cooperatives", "Cooperative e consorzi", "Cooperatives and consortia", False),
    ("third-sector", "Imprese sociali e Terzo settore", "Social enterprises, third sector", False),
    ("enterprises", "Imprese", "Enterprises", False),
    ("startups", "Start-up e nuove imprese", "Start-ups and new enterprises", False),
    ("public-bodies", "Enti pubblici", "Public bodies", False),
    ("research", "Università e ricerca", "Universities and research", False),
    ("freelancers", "Professionisti e lavoratori autonomi", "Freelancers and self-employed", True),
    ("people", "Persone e lavoratori", "People and workers", True),
)

BENEFICIARY_NAMES_DE_FR = {
    "cooperatives": ("Genossenschaften und Konsortien", "Coopératives et consortiums"),
    "third-sector": (
        "Sozialunternehmen und Dritter Sektor",
        "Entreprises sociales et tiers secteur",
    ),
    "enterprises": ("Unternehmen", "Entreprises"),
    "startups": ("Start-ups und neue Unternehmen", "Start-ups et nouvelles entreprises"),
    "public-bodies": ("Öffentliche Einrichtungen", "Organismes publics"),
    "research": ("Universitäten und Forschung", "Universités et recherche"),
    "freelancers": ("Freiberufler und Selbstständige", "Professions libérales et indépendants"),
    "people": ("Personen und Erwerbstätige", "Personnes et travailleurs"),
}
