"""The matching events' pages, one module per feature."""
