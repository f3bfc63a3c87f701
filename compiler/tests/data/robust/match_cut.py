match x:
    case {**rest, 