x = '''
abc
