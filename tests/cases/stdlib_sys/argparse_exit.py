# argparse: an error exits with status 2 and the usage on stderr; prog from sys.argv[0].
import argparse
import sys
parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
print("prog:", parser.prog)
args = parser.parse_args(["notanumber"])
print("not reached")
