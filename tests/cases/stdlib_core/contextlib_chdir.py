import contextlib
import os

start = os.getcwd()
os.mkdir("sub")
with contextlib.chdir("sub"):
    print(os.path.basename(os.getcwd()))
    with contextlib.chdir(".."):
        print(os.getcwd() == start)
print(os.getcwd() == start)
os.rmdir("sub")
