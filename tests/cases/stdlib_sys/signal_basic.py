# signal: handlers, getsignal, raise_signal, SIG_IGN/SIG_DFL, enums, KeyboardInterrupt.
import os
import signal

print(signal.SIGINT, int(signal.SIGTERM), signal.SIGINT.name, repr(signal.SIGUSR1))
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGUSR1))
got = []
def handler(signum, frame):
    got.append(signum)
old = signal.signal(signal.SIGUSR1, handler)
print(old, signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
os.kill(os.getpid(), signal.SIGUSR1)
print(got)
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
signal.raise_signal(signal.SIGUSR1)
print(signal.getsignal(signal.SIGUSR1), got)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt")
def on_int(signum, frame):
    raise RuntimeError(f"got signal {signum}")
signal.signal(signal.SIGINT, on_int)
try:
    signal.raise_signal(signal.SIGINT)
except RuntimeError as e:
    print(e)
signal.signal(signal.SIGINT, signal.default_int_handler)
print(signal.strsignal(signal.SIGTERM), signal.Signals(15), signal.Signals["SIGHUP"].value)
print(signal.SIG_IGN, signal.SIG_DFL, signal.Handlers.SIG_IGN == 1)
print(signal.SIGKILL in signal.valid_signals(), signal.NSIG)
try:
    signal.signal(signal.SIGKILL, handler)
except OSError as e:
    print(e)
try:
    signal.signal(signal.SIGUSR2, 42)
except TypeError as e:
    print(e)
