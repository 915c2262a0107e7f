"""The pages of the matching events (the agendas' and outcomes' are in their own modules)."""
