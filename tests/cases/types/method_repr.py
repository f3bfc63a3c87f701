print(list.append, str.upper, int.__add__, len, dict.get, [].append.__name__)
