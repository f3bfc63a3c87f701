x = f'{  a  !r}'
