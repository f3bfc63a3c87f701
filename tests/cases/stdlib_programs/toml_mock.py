import tomllib
from unittest import mock
from unittest.mock import Mock, MagicMock, patch, call
import os

DOC = '''
title = "TOML Example"
[owner]
name = "Tom"
dob = 1979-05-27T07:32:00-08:00
[database]
enabled = true
ports = [ 8000, 8001, 8002 ]
data = [ ["delta", "phi"], [3.14] ]
temp_targets = { cpu = 79.5, case = 72.0 }
[[servers]]
ip = "10.0.0.1"
role = "frontend"
[[servers]]
ip = "10.0.0.2"
role = "backend"
'''


class Service:
    def fetch(self, key):
        return "real " + key


def uses_getcwd():
    return os.getcwd()


def main():
    d = tomllib.loads(DOC)
    print(d["title"], d["owner"]["dob"].isoformat(), d["database"], [s["ip"] for s in d["servers"]])
    try:
        tomllib.loads("a = ")
    except tomllib.TOMLDecodeError as e:
        print("TOMLDecodeError", e)
    m = Mock(return_value=3)
    print(m(1, k=2), m.call_count, m.call_args, m.called)
    m.assert_called_once_with(1, k=2)
    m.method.side_effect = [1, ValueError("x")]
    print(m.method())
    try:
        m.method()
    except ValueError as e:
        print("ValueError", e)
    mm = MagicMock()
    mm.__len__.return_value = 7
    mm.__getitem__.return_value = "item"
    print(len(mm), mm[3], mm.attr.child(1) is mm.attr.child(2))
    print(mm.attr.child.call_args_list == [call(1), call(2)])
    with patch.object(Service, "fetch", return_value="fake") as p:
        print(Service().fetch("k"), p.call_count)
    print(Service().fetch("k"))
    with patch("os.getcwd", return_value="/patched"):
        print(uses_getcwd())
    print(uses_getcwd() != "/patched")

    @patch("os.getcwd")
    def decorated(mock_getcwd):
        mock_getcwd.return_value = "/deco"
        return uses_getcwd()
    print(decorated())
    s = Mock(spec=Service)
    try:
        s.nonexistent
    except AttributeError as e:
        print("AttributeError", e)
    try:
        m.assert_called_with(5)
    except AssertionError as e:
        print("AssertionError")
    print(mock.sentinel.X is mock.sentinel.X, mock.ANY == 3)


if __name__ == "__main__":
    main()
