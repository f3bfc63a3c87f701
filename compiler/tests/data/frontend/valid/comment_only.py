

# only comment
