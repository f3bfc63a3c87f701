x = u'a' f'{b}'
