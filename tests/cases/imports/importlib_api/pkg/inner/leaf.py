print("leaf runs")
from .. import VALUE
LEAF = "leaf of " + VALUE
