#!/usr/bin/env python3
"""Writes the real-material quality set: speech and sampled-instrument music as float WAV.

Everything is rendered from Debian packages, so the set is reproducible and nothing is checked in:
  speech  espeak-ng (formant synthesis, GPL-3.0-or-later), flite's kal16 diphone voice (concatenated
          recordings of a male speaker; Flite's BSD-style licence) and a woman's recorded voice: the eight
          spoken channel names alsa-utils ships for speaker-test (48 kHz, GPL-2; Debian alsa-utils);
  music   MIDI written here, rendered by fluidsynth (LGPL-2.1-or-later) with the TimGM6mb sound font
          (sampled General MIDI instruments, GPL-2; Debian timgm6mb-soundfont).
Speech stays at the voice's rate (22.05, 16 or 48 kHz); music is 44.1 kHz.
Usage: make_material.py OUTPUT_FOLDER   (needs espeak-ng, flite, fluidsynth, timgm6mb-soundfont, alsa-utils)
"""
import os
import struct
import subprocess
import sys
import wave

RATE = 44100
SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2"
# Recorded speech: speaker-test's channel names, one phrase each, said by one speaker.
RECORDED_FOLDER = "/usr/share/sounds/alsa"
RECORDED_PHRASES = ["Front_Left", "Front_Center", "Front_Right", "Side_Right", "Rear_Right", "Rear_Center",
                    "Rear_Left", "Side_Left"]

SENTENCES = {
    "speech_espeak_f": ("espeak-ng", ["-v", "en-us+f3", "-s", "150"],
                        "The quick brown fox jumps over the lazy dog. Seven wise owls sang a quiet song."),
    "speech_espeak_m": ("espeak-ng", ["-v", "en-gb", "-s", "140"],
                        "Please measure every voice before and after the change, and write the numbers down."),
    "speech_flite_kal": ("flite", ["-voice", "kal16"],
                         "A phase vocoder keeps the pitch while the tempo moves. Listen to the vowels."),
}


def read_wav(path):
    """Returns (rate, channels, list of float frames per channel) of a 16-bit PCM WAV."""
    with wave.open(path, "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        data = w.readframes(w.getnframes())
    if width != 2:
        raise SystemExit(f"{path}: expected 16-bit PCM")
    count = len(data) // 2
    values = struct.unpack(f"<{count}h", data)
    return rate, channels, [[v / 32768.0 for v in values[c::channels]] for c in range(channels)]


def write_float_wav(path, channels_data, rate=RATE):
    channels = len(channels_data)
    frames = len(channels_data[0])
    payload = bytearray()
    for i in range(frames):
        for c in range(channels):
            payload += struct.pack("<f", channels_data[c][i])
    fmt = struct.pack("<HHIIHH", 3, channels, rate, rate * channels * 4, channels * 4, 32)
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(payload)) + b"WAVE")
        f.write(b"fmt " + struct.pack("<I", len(fmt)) + fmt)
        f.write(b"data" + struct.pack("<I", len(payload)) + payload)


def normalise(channels_data, peak=0.5):
    top = max(max(abs(v) for v in ch) for ch in channels_data) or 1.0
    return [[v * peak / top for v in ch] for ch in channels_data]


def speech(folder, name, tool, args, text):
    raw = os.path.join(folder, name + ".raw.wav")
    subprocess.run([tool, *args, "-w", raw, text] if tool == "espeak-ng" else [tool, *args, "-o", raw, "-t", text],
                   check=True, stdout=subprocess.DEVNULL)
    rate, _, data = read_wav(raw)
    os.remove(raw)
    # At the voice's own rate: the measuring tool resamples to 44.1 kHz with its reference resampler.
    write_float_wav(os.path.join(folder, name + ".wav"), normalise([data[0]]), rate)


def recorded_speech(folder, name="speech_recorded_alsa", gap_seconds=0.15):
    """The phrases one after another, a short silence between them, at their own rate (48 kHz)."""
    joined, rate = [], None
    for phrase in RECORDED_PHRASES:
        phrase_rate, _, data = read_wav(os.path.join(RECORDED_FOLDER, phrase + ".wav"))
        if rate not in (None, phrase_rate):
            raise SystemExit(f"{phrase}.wav: rate {phrase_rate}, expected {rate}")
        rate = phrase_rate
        joined += data[0] + [0.0] * int(gap_seconds * rate)
    write_float_wav(os.path.join(folder, name + ".wav"), normalise([joined]), rate)


# ---- MIDI -------------------------------------------------------------------------------------
def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.insert(0, (n & 0x7F) | 0x80)
        n >>= 7
    return bytes(out)


def midi_file(path, tracks, ticks=480, tempo_us=500000):
    """tracks: lists of (tick, bytes) events; one channel program/pan per track is in its events."""
    chunks = [b"MThd" + struct.pack(">IHHH", 6, 1, len(tracks) + 1, ticks)]
    meta = vlq(0) + b"\xff\x51\x03" + tempo_us.to_bytes(3, "big") + vlq(0) + b"\xff\x2f\x00"
    chunks.append(b"MTrk" + struct.pack(">I", len(meta)) + meta)
    for events in tracks:
        events = sorted(events, key=lambda e: (e[0], e[1][0] & 0xF0 == 0x90))
        body = bytearray()
        last = 0
        for tick, data in events:
            body += vlq(tick - last) + data
            last = tick
        body += vlq(0) + b"\xff\x2f\x00"
        chunks.append(b"MTrk" + struct.pack(">I", len(body)) + bytes(body))
    with open(path, "wb") as f:
        f.write(b"".join(chunks))


def part(channel, program, pan, notes, volume=100):
    """notes: (start beat, length in beats, MIDI note, velocity)."""
    ev = [(0, bytes([0xC0 | channel, program])), (0, bytes([0xB0 | channel, 10, pan])),
          (0, bytes([0xB0 | channel, 7, volume]))]
    for start, length, note, vel in notes:
        ev.append((int(start * 480), bytes([0x90 | channel, note, vel])))
        ev.append((int((start + length) * 480), bytes([0x80 | channel, note, 0])))
    return ev


def pieces():
    # Piano: a melody over broken chords (mono piece).
    piano = [(i * 0.5, 0.9, n, 80) for i, n in enumerate([48, 55, 64, 55, 45, 52, 60, 52, 41, 48, 57, 48, 43, 50, 59, 50])]
    piano += [(i, 0.95, n, 95) for i, n in enumerate([76, 74, 72, 71, 72, 74, 76, 79])]
    # Strings and flute: sustained chords, panned apart, with a flute line (stereo piece).
    chords = [(60, 64, 67), (57, 60, 64), (53, 57, 60), (55, 59, 62)]
    strings = [(2 * i, 2.0, n, 70) for i, c in enumerate(chords) for n in c]
    flute = [(i * 0.5, 0.5, n, 90) for i, n in enumerate([79, 81, 79, 77, 76, 77, 79, 72, 74, 76, 77, 79, 81, 83, 84, 84])]
    # Guitar, bass and drums (stereo, with onsets).
    guitar = [(i * 0.5, 0.45, n, 85) for i, n in enumerate([52, 59, 64, 67, 71, 67, 64, 59] * 2)]
    bass = [(i, 0.9, n, 100) for i, n in enumerate([40, 40, 43, 45, 40, 40, 47, 45])]
    drums = [(i * 0.5, 0.2, 42, 70) for i in range(16)] + [(i, 0.2, 36 if i % 2 == 0 else 38, 110) for i in range(8)]
    return {
        "music_piano_mono": ([part(0, 0, 64, piano)], 1),
        "music_strings_stereo": ([part(0, 48, 20, strings), part(1, 73, 108, flute)], 2),
        "music_band_stereo": ([part(0, 25, 30, guitar), part(1, 33, 64, bass), part(9, 0, 80, drums)], 2),
    }


def music(folder, name, tracks, channels):
    mid = os.path.join(folder, name + ".mid")
    raw = os.path.join(folder, name + ".raw.wav")
    midi_file(mid, tracks)
    subprocess.run(["fluidsynth", "-ni", "-g", "0.8", "-r", str(RATE), "-F", raw, "-T", "wav", "-O", "s16",
                    SOUNDFONT, mid], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, data = read_wav(raw)
    os.remove(raw)
    os.remove(mid)
    # Trim the reverb tail to the piece's length plus a little.
    frames = min(len(data[0]), int(RATE * 4.6))
    data = [ch[:frames] for ch in data]
    if channels == 1:
        data = [[0.5 * (l + r) for l, r in zip(data[0], data[1])]]
    write_float_wav(os.path.join(folder, name + ".wav"), normalise(data))


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for name, (tool, args, text) in SENTENCES.items():
        speech(folder, name, tool, args, text)
    recorded_speech(folder)
    for name, (tracks, channels) in pieces().items():
        music(folder, name, tracks, channels)


if __name__ == "__main__":
    main()
