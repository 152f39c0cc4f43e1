namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>Tests that run whole builds: few, and one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial builds";
}
