x = f'ab{c}ñ{d}'
