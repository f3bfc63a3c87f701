import sys


def reverse_complement(header, sequence):
    t = sequence.translate(TABLE, b'\n\r ')
    output = bytearray()
    trailing_length = len(t) % 60
    if trailing_length:
        output += b'\n' + t[:trailing_length]
    for i in range(trailing_length, len(t), 60):
        output += b'\n' + t[i:i + 60]
    return header, output[::-1]


TABLE = bytes.maketrans(b'ABCDGHKMNRSTUVWYabcdghkmnrstuvwy',
                        b'TVGHCDMKNYSAABWRTVGHCDMKNYSAABWR')


def read_sequences(file):
    for line in file:
        if line[0] == ord('>'):
            header = line
            sequence = bytearray()
            for line in file:
                if line[0] == ord('>'):
                    yield header, sequence
                    header = line
                    sequence = bytearray()
                else:
                    sequence += line
            yield header, sequence
            break


def main():
    write = sys.stdout.buffer.write
    for header, seq in read_sequences(sys.stdin.buffer):
        h, out = reverse_complement(header, bytes(seq))
        write(h)
        write(out)
        write(b'\n')
    sys.stdout.buffer.flush()


if __name__ == '__main__':
    main()
