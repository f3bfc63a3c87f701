from ..mod import VALUE
DEEP = "deep: " + VALUE
