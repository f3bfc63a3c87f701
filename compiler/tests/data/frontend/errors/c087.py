x = "\N{foo}"
