match x:
    case _ as y:
        pass
    case 1 as _:
        pass
