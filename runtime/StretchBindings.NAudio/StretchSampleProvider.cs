using NAudio.Wave;

namespace StretchBindings.NAudio;

/// <summary>
/// Stretches and transposes another <see cref="ISampleProvider"/> as it is read: put it between a source and an
/// output device (or a file writer). <see cref="Tempo"/>, <see cref="Semitones"/> and
/// <see cref="PreserveFormants"/> may be changed from any thread while it plays; a change takes effect at the next
/// block of <see cref="BlockFrames"/> input frames. The <see cref="Stretch"/> instance inside is only ever used by
/// the thread that calls <see cref="Read"/>.
/// </summary>
/// <remarks>
/// The source is read in blocks of <see cref="BlockFrames"/> frames and each block is streamed through
/// <see cref="Stretch.Process(ReadOnlySpan{float}, Span{float})"/>, its output sized from the running total
/// <see cref="Stretch.OutputFrames(long, double)"/> since the last tempo change. When the source ends, the rest is
/// drained with <see cref="Stretch.Flush(Span{float})"/> and <see cref="Read"/> returns 0. With
/// <c>trimLatency</c> (the default) the stream's delay is dropped from the start and flushed at the end: the
/// output is time-aligned with the source and, at a constant tempo, exactly
/// <c>Stretch.OutputFrames(sourceFrames, tempo)</c> frames long. Without it, the output starts with
/// <see cref="LatencyFrames"/> frames of lead-in, as a live stream does, and ends with the whole tail.
/// </remarks>
public sealed class StretchSampleProvider : ISampleProvider, IDisposable
{
    /// <summary>Input frames per block: the granularity of parameter changes.</summary>
    public const int BlockFrames = 1024;

    private readonly ISampleProvider _source;
    private readonly Stretch _stretch;
    private readonly int _channels;
    private readonly bool _trimLatency;
    private readonly float[] _input;
    private float[] _output;
    private readonly object _settingsLock = new();

    // Settings as asked (any thread) and as applied (the reading thread).
    private double _tempo = 1;
    private double _semitones;
    private bool _formants;
    private double _appliedTempo = double.NaN;
    private volatile int _latencyFrames;

    // The current tempo segment: input and output frames since the tempo was last changed.
    private long _segmentIn;
    private long _segmentOut;
    private int _skip;
    private int _outputStart;
    private int _outputEnd;
    private bool _started;
    private bool _sourceEnded;
    private bool _flushed;

    /// <summary>Wraps <paramref name="source"/> with a new stretcher for its channels and sample rate.</summary>
    /// <param name="source">Float samples, 1 to <see cref="Stretch.MaxChannels"/> channels, a supported sample rate.</param>
    /// <param name="preset">Quality preset (fixed for the instance).</param>
    /// <param name="trimLatency">Drop the stream's delay so the output is time-aligned with the source (see remarks).</param>
    /// <exception cref="ArgumentOutOfRangeException">The source's channel count or sample rate is not supported.</exception>
    public StretchSampleProvider(ISampleProvider source, StretchPreset preset = StretchPreset.Default, bool trimLatency = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _channels = source.WaveFormat.Channels;
        _stretch = new Stretch(_channels, source.WaveFormat.SampleRate, preset);
        _trimLatency = trimLatency;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, _channels);
        _input = new float[BlockFrames * _channels];
        // One block's output at the slowest tempo; the flush at the end may take more.
        _output = new float[(Stretch.OutputFrames(BlockFrames, Stretch.MinTempo) + 1) * _channels];
        _latencyFrames = _stretch.StreamDelay(1);
    }

    /// <summary>Float samples at the source's sample rate and channel count.</summary>
    public WaveFormat WaveFormat { get; }

    /// <summary>Playback speed, <see cref="Stretch.MinTempo"/> to <see cref="Stretch.MaxTempo"/>; 1.25 plays 25 % faster.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range or not finite.</exception>
    public double Tempo
    {
        get { lock (_settingsLock) { return _tempo; } }
        set
        {
            Stretch.OutputFrames(0L, value);
            lock (_settingsLock) { _tempo = value; }
        }
    }

    /// <summary>Transposition in semitones, -<see cref="Stretch.MaxSemitones"/> to +<see cref="Stretch.MaxSemitones"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range or not finite.</exception>
    public double Semitones
    {
        get { lock (_settingsLock) { return _semitones; } }
        set
        {
            if (!(Math.Abs(value) <= Stretch.MaxSemitones))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"The transposition must be a finite number of semitones from -{Stretch.MaxSemitones} to +{Stretch.MaxSemitones}.");
            }

            lock (_settingsLock) { _semitones = value; }
        }
    }

    /// <summary>Whether transposed voices keep their formants (spectral envelope).</summary>
    public bool PreserveFormants
    {
        get { lock (_settingsLock) { return _formants; } }
        set { lock (_settingsLock) { _formants = value; } }
    }

    /// <summary>
    /// How far the output lags behind the source, in output frames, at the settings last applied: the lead-in
    /// without <c>trimLatency</c>, and the source frames read ahead of what is heard with it.
    /// </summary>
    public int LatencyFrames => _latencyFrames;

    /// <summary><see cref="LatencyFrames"/> as time.</summary>
    public TimeSpan Latency => TimeSpan.FromSeconds((double)LatencyFrames / WaveFormat.SampleRate);

    /// <summary>Fills <paramref name="buffer"/> with stretched samples; fewer only at the end, then 0.</summary>
    public int Read(Span<float> buffer)
    {
        int wanted = buffer.Length - (buffer.Length % _channels);
        int written = 0;
        while (written < wanted)
        {
            if (_outputStart == _outputEnd && !Produce())
            {
                break;
            }

            int count = Math.Min(wanted - written, _outputEnd - _outputStart);
            _output.AsSpan(_outputStart, count).CopyTo(buffer[written..]);
            _outputStart += count;
            written += count;
        }

        return written;
    }

    /// <summary>Releases the native stretcher.</summary>
    public void Dispose() => _stretch.Dispose();

    /// <summary>Runs one more block (or the final flush) into the output buffer; false at the very end.</summary>
    private bool Produce()
    {
        if (_flushed)
        {
            return false;
        }

        ApplySettings();
        _outputStart = 0;
        _outputEnd = 0;
        if (_sourceEnded)
        {
            // The delay still held back: with trimming exactly what was dropped at the start (for the tempo now),
            // otherwise the whole tail.
            int frames = _trimLatency ? _stretch.StreamDelay(_appliedTempo) : _stretch.TailFrames;
            if (frames * _channels > _output.Length)
            {
                _output = new float[frames * _channels];
            }

            Span<float> tail = _output.AsSpan(0, frames * _channels);
            _stretch.Flush(tail);
            _flushed = true;
            Keep(tail);
            return _outputEnd > 0;
        }

        int read = ReadSource();
        if (read < BlockFrames)
        {
            _sourceEnded = true;
        }

        long end = Stretch.OutputFrames(_segmentIn + read, _appliedTempo);
        int outFrames = (int)(end - _segmentOut);
        Span<float> output = _output.AsSpan(0, outFrames * _channels);
        _stretch.Process(_input.AsSpan(0, read * _channels), output);
        _segmentIn += read;
        _segmentOut = end;
        Keep(output);
        return true;
    }

    /// <summary>Reads a whole block from the source unless it ends first; returns the frames read.</summary>
    private int ReadSource()
    {
        int filled = 0;
        while (filled < _input.Length)
        {
            int got = _source.Read(_input.AsSpan(filled));
            if (got <= 0)
            {
                break;
            }

            filled += got;
        }

        return filled / _channels;
    }

    /// <summary>Makes <paramref name="block"/> (at the start of the output buffer) readable, less the delay still to skip.</summary>
    private void Keep(Span<float> block)
    {
        int frames = block.Length / _channels;
        int dropped = Math.Min(_skip, frames);
        _skip -= dropped;
        _outputStart = dropped * _channels;
        _outputEnd = block.Length;
    }

    /// <summary>Applies the settings asked for since the last block, on the reading thread.</summary>
    private void ApplySettings()
    {
        double tempo;
        double semitones;
        bool formants;
        lock (_settingsLock)
        {
            tempo = _tempo;
            semitones = _semitones;
            formants = _formants;
        }

        // The instance keeps what was last applied (its defaults, 0 and off, to begin with).
        bool changed = false;
        if (semitones != _stretch.TransposeSemitones)
        {
            _stretch.TransposeSemitones = semitones;
            changed = true;
        }

        if (formants != _stretch.PreserveFormants)
        {
            _stretch.PreserveFormants = formants;
            changed = true;
        }

        if (tempo != _appliedTempo)
        {
            changed = true;
            // A new segment: lengths follow the new tempo from here, so rounding never accumulates.
            _appliedTempo = tempo;
            _segmentIn = 0;
            _segmentOut = 0;
        }

        if (changed)
        {
            _latencyFrames = _stretch.StreamDelay(_appliedTempo);
        }

        if (!_started)
        {
            _started = true;
            _skip = _trimLatency ? _latencyFrames : 0;
        }
    }
}
