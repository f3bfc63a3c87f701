def total(items):
    subtotal = sum(items)
    return subtotl * 2
print(total([1, 2]))
