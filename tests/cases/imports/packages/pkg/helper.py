__all__ = ["public"]
def name(): return __name__
def public(): return "public"
def hidden(): return "hidden"
