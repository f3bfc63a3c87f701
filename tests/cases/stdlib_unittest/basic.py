import unittest


class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()


class StackTest(unittest.TestCase):
    def setUp(self):
        self.s = Stack()
        self.s.push(1)

    def tearDown(self):
        self.s = None

    def test_push_pop(self):
        self.s.push(2)
        self.assertEqual(self.s.pop(), 2)
        self.assertEqual(self.s.pop(), 1)

    def test_empty(self):
        self.s.pop()
        with self.assertRaises(IndexError) as cm:
            self.s.pop()
        self.assertEqual(str(cm.exception), "pop from empty stack")
        self.assertRaisesRegex(IndexError, "empty", self.s.pop)

    def test_asserts(self):
        self.assertTrue(True)
        self.assertFalse(0)
        self.assertIn(1, [1, 2])
        self.assertNotIn(3, [1, 2])
        self.assertIs(None, None)
        self.assertIsNone(None)
        self.assertIsNotNone(1)
        self.assertIsInstance(1, int)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertGreater(2, 1)
        self.assertLessEqual(1, 1)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertDictEqual({"a": 1}, {"a": 1})
        self.assertListEqual([1], [1])
        self.assertRegex("hello", "h.l+o")

    @unittest.skip("not today")
    def test_skipped(self):
        self.fail("should not run")

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 3)


class Failing(unittest.TestCase):
    def test_fail_message(self):
        try:
            self.assertEqual([1, 2, 3], [1, 2, 4])
        except AssertionError as e:
            print("message:", e)
        try:
            self.assertEqual("abc\ndef\n", "abc\nxyz\n")
        except AssertionError as e:
            print("message:", e)
        try:
            self.assertTrue(0, "custom")
        except AssertionError as e:
            print("message:", e)
        try:
            self.assertDictEqual({"a": 1}, {"a": 2})
        except AssertionError as e:
            print("message:", e)


if __name__ == "__main__":
    import io
    stream = io.StringIO()
    runner = unittest.TextTestRunner(stream=stream, verbosity=2)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(StackTest)
    suite.addTest(Failing("test_fail_message"))
    result = runner.run(suite)
    for line in stream.getvalue().splitlines():
        if line.startswith("Ran "):
            print("Ran N tests")
        else:
            print(line)
    print(result.wasSuccessful(), len(result.failures), len(result.errors), len(result.skipped),
          len(result.expectedFailures), result.testsRun)
