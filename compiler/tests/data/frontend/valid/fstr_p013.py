x = f'{
 a 
}'
