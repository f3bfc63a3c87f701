print("failing starts")
raise ValueError("boom")
