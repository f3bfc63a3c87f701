print(0, 00, 0x_ff, 0O17, 0B10, 1_2_3, 99999999999999999999999999999)
print(1.5e-3, 1E5, 3.14_15, 0.0, 1e308 * 10, -1e308 * 10)
print(2j, 1.5J, 1 + 0j, complex(1, -1))
print('single', "double", '''triple
lines''', """also""", r"raw\n", R'\d', b'b', rb"\x", Rb'\d', u"unicode")
print("adjacent" " strings" ' join', f"f{1}" "x" f"{2}")
print("\x41\101\u00e9\N{BULLET}\U0001F600\t|", "\a\b\f\v\0".encode())
print(f"{'nested'!s:>10}", f"{3.5!r}", f"{{literal}}", f"{1+1}{'x' * 2}", F"{10:{'>'}{5}}")
w = 8; p = 3
print(f"{3.14159:{w}.{p}f}|", f"{'s':*^{w}}", f"{12345.678:,.1f}", f"{0.25:%}", f"{1e20:g}", f"{-5:+d}")
print(True, False, None, ..., Ellipsis is ...)
print([1, 2,], (1,), {1: 2,}, {1,})
print(type(1).__name__, type(1.0).__name__, type("").__name__, type(b"").__name__, type(None).__name__, type(1j).__name__)
