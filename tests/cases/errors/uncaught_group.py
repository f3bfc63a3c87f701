eg = ExceptionGroup("batch", [ValueError("a"), TypeError("b")])
raise eg
