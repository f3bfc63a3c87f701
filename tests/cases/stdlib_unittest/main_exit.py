# unittest.main() runs the module's tests, reports on stderr and exits 1 on failure.
import unittest


class T(unittest.TestCase):
    def test_ok(self):
        print("test_ok ran")
        self.assertEqual(sum([1, 2]), 3)

    def test_bad(self):
        print("test_bad ran")
        self.assertEqual(1, 2)

    def test_error(self):
        print("test_error ran")
        raise KeyError("x")


unittest.main()
