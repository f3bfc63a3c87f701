s = "abc
x = $ ? !
y = 1 €
