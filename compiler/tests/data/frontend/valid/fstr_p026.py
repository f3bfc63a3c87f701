x = f'{a}\
{b}'
