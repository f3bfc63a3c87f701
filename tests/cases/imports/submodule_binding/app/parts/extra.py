X = "extra"
