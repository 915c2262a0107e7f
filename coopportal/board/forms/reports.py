"""Forms of the board area: reports."""
