"""The notification kinds of the board area (registered in BoardConfig.ready)."""
