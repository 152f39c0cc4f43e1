using System.Globalization;
using StretchBindings;

namespace StretchCli;

/// <summary>What to do to the audio: the same for every file of a run.</summary>
/// <param name="Tempo">Playback speed, 0.25 to 4: 1.25 makes the output 1/1.25 as long.</param>
/// <param name="Semitones">Transposition, -24 to 24.</param>
/// <param name="Preset">Quality preset.</param>
/// <param name="Formants">Whether transposed voices keep their spectral envelope.</param>
public sealed record StretchSettings(double Tempo = 1, double Semitones = 0, StretchPreset Preset = StretchPreset.Default, bool Formants = false)
{
    /// <summary>A short description such as "tempo 1.25, +3 semitones, default preset".</summary>
    public override string ToString()
    {
        string formants = Formants ? ", formants kept" : string.Empty;
        string preset = Preset == StretchPreset.Cheaper ? "cheaper" : "default";
        return string.Create(CultureInfo.InvariantCulture, $"tempo {Tempo:0.###}, {Semitones:+0.###;-0.###;0} semitones, {preset} preset{formants}");
    }
}
