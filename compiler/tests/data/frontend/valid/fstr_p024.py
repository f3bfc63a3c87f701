x = rf'\{a}\n'
