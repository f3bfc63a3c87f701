import json
import sys

EMPTY = ({}, 2000)
SIMPLE_DATA = {'key1': 0, 'key2': True, 'key3': 'value', 'key4': 'foo', 'key5': 'string'}
SIMPLE = (SIMPLE_DATA, 1000)
NESTED_DATA = {'key1': 0, 'key2': SIMPLE[0], 'key3': 'value', 'key4': SIMPLE[0], 'key5': SIMPLE[0], 'key': '\u0105\u0107\u017c'}
NESTED = (NESTED_DATA, 1000)
HUGE = ([NESTED[0]] * 100, 1)
CASES = ['EMPTY', 'SIMPLE', 'NESTED', 'HUGE']


def bench_json_dumps(data):
    out = []
    for obj, count_it in data:
        for _ in count_it:
            out.append(json.dumps(obj))
    return out


def bench_json_loads(objs):
    for obj in objs:
        json.loads(obj)


def main():
    data = []
    for case in CASES:
        obj, count = globals()[case]
        data.append((obj, range(count // 20)))
    out = bench_json_dumps(data)
    print(len(out), sum(map(len, out)))
    print(out[-1][:120])
    bench_json_loads(out)
    doc = {"name": "x", "list": [1, 2.5, None, True, "s\n\"q\""], "nested": {"a": [], "b": {}}, "u": "\u00e9\u4e2d\U0001f600"}
    s = json.dumps(doc, indent=2, sort_keys=True)
    print(s)
    print(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    print(json.loads(s) == doc, json.loads('[1e3, -0.5, 12345678901234567890]'))
    try:
        json.loads('{"a": }')
    except json.JSONDecodeError as e:
        print("error:", e.msg, e.lineno, e.colno)
    print(json.dumps([float("inf"), float("nan")]), json.dumps({1: 2, None: 3, 1.5: 4}))


if __name__ == "__main__":
    main()
