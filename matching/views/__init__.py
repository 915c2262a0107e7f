"""The member matching views, one module per part: hub (the area's landing page), profiles,
directory (and saved searches), suggestions (and the partner finder), contacts."""
