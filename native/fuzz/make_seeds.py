#!/usr/bin/env python3
"""Writes the hand-made seed inputs of corpus/ (the files named seed-*), each a call sequence in
the encoding fuzz_driver.cpp and fuzz_values.cpp decode. Run it from this folder after changing the decoder."""
import struct


def u16(v): return struct.pack('<H', v)
def u32(v): return struct.pack('<I', v & 0xffffffff)


# Header: indices into the decoder's channel, rate and preset choices.
def hdr(channels, rate, preset): return bytes([channels, rate, preset])
def fill(shape, a, b, seed=12345): return bytes([shape, a, b]) + u32(seed)
def process(i, o, shape, a, b, how_in=0, how_out=0):
    return bytes([3]) + u16(i) + u16(o) + bytes([how_in, how_out]) + fill(shape, a, b)
def render(i, o, shape, a, b): return bytes([8]) + u16(i) + u16(o) + bytes([0, 0]) + fill(shape, a, b)
def flush_tail(): return bytes([7]) + u16(0)
def flush(n, how=0): return bytes([6]) + u16(n) + bytes([how])
def semitones(index): return bytes([0, index])
def factor(index): return bytes([1, index])
def formants(on): return bytes([2]) + u32(on)
def query(code): return bytes([10]) + u32(code)
# The count of process calls that keep to the ratio follows only a ratio set (not 0, not refused).
def time_ratio(index, blocks=None): return bytes([12, index]) + (b'' if blocks is None else bytes([blocks]))


# Channel choice 0: 1, 1: 2, 5: 3, 6: 8. Rate choice 0: 8000, 2: 11025, 4: 22050, 5: 44100,
# 6: 48000, 8: 192000. Preset choice 0: default, 1: cheaper, 6: 1000.
# Sample choice 2: 1.0, 7: smallest denormal, 8: -1e-40, 9: 2^32, 13: 1e36, 14: -1e36,
# 15: FLT_MAX, 16: -FLT_MAX, 17: infinity, 19: NaN. Parameter choice 0: 0, 1: 1, 10: 0.25, 11: 0.249,
# 12: 4, 13: 4.001, 14: 2, 15: 0.5, 20: infinity.
SEEDS = {
    'seed-huge-sine-process-then-tail': hdr(1, 5, 0) + process(2048, 2048, 2, 15, 0) + flush_tail(),
    'seed-huge-square-render': hdr(1, 5, 0) + render(2000, 1600, 1, 13, 14),
    'seed-flt-max-noise-transposed-formants':
        hdr(0, 6, 1) + semitones(4) + formants(1) + process(2048, 2048, 3, 15, 16) + flush_tail(),
    'seed-nan-then-flush': hdr(1, 0, 0) + process(1500, 1500, 3, 19, 17) + flush(2000) + flush_tail(),
    'seed-nan-render': hdr(0, 2, 0) + render(1500, 1800, 3, 19, 2),
    'seed-denormals': hdr(5, 5, 0) + process(2000, 1700, 0, 7, 8) + process(2000, 2000, 3, 7, 8) + flush_tail(),
    'seed-headroom-limit': hdr(1, 4, 0) + factor(12) + process(2048, 1500, 1, 9, 2) + flush_tail(),
    'seed-starved-tail': hdr(1, 5, 0) + process(512, 512, 2, 2, 0) +
        b''.join(process(0, 300, 0, 0, 0) for _ in range(20)) + query(0) + flush_tail(),
    'seed-starved-tail-is-complete': hdr(0, 0, 1) + factor(12) + process(1024, 1024, 2, 2, 0) +
        b''.join(process(0, 400, 0, 0, 0) for _ in range(12)) + flush_tail(),
    'seed-bad-preset-null-instance': hdr(1, 5, 6) + process(100, 100, 0, 2, 2) + flush(10) +
        render(100, 100, 0, 2, 2) + semitones(3) + bytes([9]) + query(1),
    'seed-status-codes': hdr(6, 8, 1) + query(0x7fffffff) + query(0x80000000) + query(0xfffffff9) + query(1000),
    'seed-bad-lengths': hdr(1, 5, 0) + process(100, 100, 0, 2, 2, 240, 0) + process(100, 100, 0, 2, 2, 0, 250) +
        flush(10, 240) + flush(10, 250),
    'seed-ratio-limits': hdr(0, 0, 0) + process(400, 2000, 0, 2, 2) + process(2048, 500, 0, 2, 2) +
        render(480, 1920, 2, 2, 0) + render(1000, 249, 2, 2, 0),
    'seed-parameters-out-of-range': hdr(1, 5, 0) + semitones(8) + semitones(9) + semitones(20) + semitones(22) +
        factor(11) + factor(13) + factor(17) + factor(21) + process(1000, 1000, 2, 2, 0),
    'seed-stated-ratio': hdr(1, 5, 0) + time_ratio(14, 2) + u16(1500) + fill(2, 2, 0) + u16(700) + fill(3, 2, 2) +
        semitones(3) + time_ratio(15, 1) + u16(2048) + fill(2, 2, 0) + time_ratio(13) + time_ratio(20) +
        time_ratio(0) + process(1000, 1000, 2, 2, 0) + flush_tail(),
}

if __name__ == '__main__':
    for name, data in SEEDS.items():
        with open('corpus/' + name, 'wb') as f:
            f.write(data)
