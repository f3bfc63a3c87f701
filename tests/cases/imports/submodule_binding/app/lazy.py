print("lazy loaded")
