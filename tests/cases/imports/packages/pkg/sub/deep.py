from ..helper import name as hn
from .. import VALUE
def where(): return (__name__, hn(), VALUE)
