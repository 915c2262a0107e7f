"""Forms of the board area: meetings."""
