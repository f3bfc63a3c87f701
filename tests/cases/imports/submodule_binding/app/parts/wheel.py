from .. import core
SPOKES = 12
def spin():
    return core.run() + " spin"
