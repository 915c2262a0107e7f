"""Forms of the board area: figures."""
